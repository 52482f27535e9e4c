import Foundation
import OpenMapContent
import OpenMapText

/// The view of a video: a local `<video>` for files, otherwise a click-to-load facade whose
/// third-party player URL sits only in a data- attribute (no request before the click).
enum VideoView {
    static func make(_ video: Video, title: String, root: String) -> View {
        var view = makeView([
            "title": typo(title),
            "duration": video.durationSeconds.map { FrenchFormat.duration(seconds: $0) },
            "posterSrc": video.poster.map { SiteBuilder.assetURL($0, root: root) },
            "captionsSrc": video.captions.map { SiteBuilder.assetURL($0, root: root) },
        ])
        if video.provider == .file {
            let source = nonEmpty(video.url) ?? nonEmpty(video.id)
            if let source, !ContentLinks.hasScheme(source), !source.hasPrefix("//") {
                let relative = source.hasPrefix("/") ? String(source.dropFirst()) : source
                view["fileSrc"] = SiteBuilder.assetURL(relative, root: root)
            } else if let source {
                // A file elsewhere is linked, never loaded.
                view["providerHref"] = source
                view["providerName"] = "son site d’origine"
            }
            view["isFile"] = true
            return view
        }
        let provider = Labels.provider(video.provider)
        view["providerName"] = provider
        view["playerSrc"] = playerURL(video)
        view["providerHref"] = pageURL(video)
        view["notice"] = typo("En cliquant sur « Lire la vidéo », vous chargez le lecteur de \(provider), un service tiers qui peut déposer des cookies et recueillir des données sur votre navigation.")
        return view
    }

    /// The id, from the `id` field or the provider URL.
    static func videoID(_ video: Video) -> String? {
        if let id = nonEmpty(video.id) { return id }
        guard let url = nonEmpty(video.url), let components = URLComponents(string: url) else { return nil }
        switch video.provider {
        case .youtube:
            if let v = components.queryItems?.first(where: { $0.name == "v" })?.value { return v }
            return components.path.split(separator: "/").last.map(String.init)
        default:
            return components.path.split(separator: "/").last.map(String.init)
        }
    }

    static func encoded(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? id
    }

    static func playerURL(_ video: Video) -> String? {
        switch video.provider {
        case .youtube:
            return videoID(video).map { "https://www.youtube-nocookie.com/embed/\(encoded($0))?autoplay=1" }
        case .dailymotion:
            return videoID(video).map { "https://www.dailymotion.com/embed/video/\(encoded($0))?autoplay=1" }
        case .vimeo:
            return videoID(video).map { "https://player.vimeo.com/video/\(encoded($0))?autoplay=1" }
        case .peertube:
            // `https://instance/w/<id>` or `/videos/watch/<id>` → `/videos/embed/<id>`.
            guard let url = nonEmpty(video.url), let components = URLComponents(string: url),
                  let scheme = components.scheme, let host = components.host, let id = videoID(video)
            else { return nil }
            let port = components.port.map { ":\($0)" } ?? ""
            return "\(scheme)://\(host)\(port)/videos/embed/\(encoded(id))?autoplay=1"
        case .file:
            return nil
        }
    }

    static func pageURL(_ video: Video) -> String? {
        if let url = nonEmpty(video.url) { return url }
        guard let id = videoID(video) else { return nil }
        switch video.provider {
        case .youtube: return "https://www.youtube.com/watch?v=\(encoded(id))"
        case .dailymotion: return "https://www.dailymotion.com/video/\(encoded(id))"
        case .vimeo: return "https://vimeo.com/\(encoded(id))"
        case .peertube, .file: return nil
        }
    }
}
