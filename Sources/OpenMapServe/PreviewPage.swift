import OpenMapContent

/// What the preview adds to HTML pages (and only in the preview): the reload script, the
/// « Brouillon » banner, the error overlay.
enum PreviewPage {
    /// Reloads the page when the site is rebuilt. EventSource reconnects by itself after a
    /// restart of the server.
    static let reloadScript = """
        <script data-openmap-preview>
        new EventSource("/__openmap/events").addEventListener("reload", function () { location.reload(); });
        </script>
        """

    static func draftBanner(_ reason: Publication.Reason) -> String {
        let why: String
        switch reason {
        case .draft: why = "ce contenu porte <code>draft: true</code> : il n'est pas publié."
        case .scheduled(let date): why = "ce contenu sera publié le \(date) ; il n'est pas encore en ligne."
        }
        return """
            <div data-openmap-draft role="note" style="position:sticky;top:0;z-index:2147483646;background:#fff3cd;\
            color:#4d3800;border-bottom:3px solid #b58100;padding:.6em 1em;font:600 1rem/1.4 system-ui,sans-serif">\
            Brouillon — aperçu seulement : \(why)</div>
            """
    }

    static func errorOverlay(_ report: String) -> String {
        """
        <div data-openmap-errors role="alertdialog" aria-labelledby="openmap-errors-title" style="position:fixed;inset:0;\
        z-index:2147483647;overflow:auto;background:rgba(20,20,20,.93);color:#fafafa;padding:2em;\
        font:1rem/1.5 system-ui,sans-serif">
        <h1 id="openmap-errors-title" style="color:#ff8a80;font-size:1.4em;margin:0 0 .5em">Le contenu a des erreurs</h1>
        <p style="margin:0 0 1em">La page ci-dessous est la dernière version construite sans erreur. Corrigez ces \
        erreurs et enregistrez : la page se rechargera toute seule.</p>
        <pre style="white-space:pre-wrap;background:#000;color:#fafafa;padding:1em;border-radius:4px;\
        font:.9rem/1.45 ui-monospace,monospace">\(escape(report))</pre>
        <button type="button" onclick="this.parentElement.remove()" style="font:inherit;padding:.3em 1em">\
        Masquer et voir la page</button>
        </div>
        """
    }

    /// The page with the banner after `<body…>`, the overlay and script before `</body>`.
    static func decorate(_ html: String, held: Publication.Reason?, errors: String?) -> String {
        var page = html
        if let held {
            let banner = draftBanner(held)
            if let body = page.range(of: "<body"), let end = page[body.upperBound...].firstIndex(of: ">") {
                page.insert(contentsOf: banner, at: page.index(after: end))
            } else {
                page = banner + page
            }
        }
        let tail = (errors.map(errorOverlay) ?? "") + reloadScript
        if let close = page.range(of: "</body>", options: .backwards) {
            page.insert(contentsOf: tail, at: close.lowerBound)
        } else {
            page += tail
        }
        return page
    }

    /// For a site that has never built: only the errors.
    static func errorPage(_ report: String) -> String {
        """
        <!doctype html>
        <html lang="fr"><head><meta charset="utf-8"><title>Erreurs — aperçu OpenMap</title></head>
        <body>\(errorOverlay(report))\(reloadScript)</body></html>
        """
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}

/// Content types of the files the site publishes.
enum MediaTypes {
    static func type(of path: String) -> String {
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch ext {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "xml": return "application/xml"
        case "txt": return "text/plain; charset=utf-8"
        case "csv": return "text/csv; charset=utf-8"
        case "ics": return "text/calendar; charset=utf-8"
        case "vtt": return "text/vtt; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "ico": return "image/x-icon"
        case "pdf": return "application/pdf"
        case "woff2": return "font/woff2"
        case "mp4": return "video/mp4"
        case "webm": return "video/webm"
        default: return "application/octet-stream"
        }
    }
}
