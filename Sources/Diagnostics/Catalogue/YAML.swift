// YAML that cannot be read, explained for editors: what to change, where.

extension Message {
    static let yamlCode = "yaml-syntax"

    public static func yamlTab() -> Message {
        Message(yamlCode,
                fr: "tabulation dans l'indentation : le YAML ne s'indente qu'avec des espaces",
                en: "tab in the indentation: YAML is indented with spaces only",
                hint: LocalizedText(fr: "remplacez la tabulation par des espaces, alignés sur les champs du même bloc (réglez l'éditeur sur « indenter avec des espaces »)",
                                    en: "replace the tab with spaces, aligned with the fields of the same block (set the editor to “indent using spaces”)"))
    }

    public static func yamlColonInValue(key: String, corrected: String?) -> Message {
        Message(yamlCode,
                fr: "« : » dans la valeur de « \(key) » : sans guillemets, le YAML le lit comme un nouveau champ",
                en: "“: ” in the value of “\(key)”: without quotes, YAML reads it as a new field",
                hint: LocalizedText(fr: "mettez le texte entre guillemets\(corrected.map { " : \($0)" } ?? "")",
                                    en: "put the text in quotes\(corrected.map { ": \($0)" } ?? "")"))
    }

    public static func yamlUnclosedQuote(_ quote: Character, corrected: String?) -> Message {
        let mark = String(quote)
        return Message(yamlCode,
                       fr: "le guillemet ouvert ici n'est pas refermé",
                       en: "the quote opened here is not closed",
                       hint: LocalizedText(fr: "ajoutez \(mark) à la fin du texte\(corrected.map { " : \($0)" } ?? "")",
                                           en: "add \(mark) at the end of the text\(corrected.map { ": \($0)" } ?? "")"))
    }

    public static func yamlApostropheInSingleQuotes(corrected: String?) -> Message {
        Message(yamlCode,
                fr: "cette apostrophe ferme le texte ouvert par l'apostrophe du début",
                en: "this apostrophe closes the text opened by the first one",
                hint: LocalizedText(fr: "mettez le texte entre guillemets doubles\(corrected.map { " : \($0)" } ?? "") (ou doublez l'apostrophe : d''innovation)",
                                    en: "put the text in double quotes\(corrected.map { ": \($0)" } ?? "") (or double the apostrophe: d''innovation)"))
    }

    public static func yamlTextAfterQuote(corrected: String?) -> Message {
        Message(yamlCode,
                fr: "du texte suit le guillemet qui ferme la valeur",
                en: "text follows the quote that closes the value",
                hint: LocalizedText(fr: "entourez toute la valeur d'apostrophes\(corrected.map { " : \($0)" } ?? ""), ou écrivez les guillemets du texte en « »",
                                    en: "wrap the whole value in single quotes\(corrected.map { ": \($0)" } ?? ""), or write the quotes inside the text as “ ”"))
    }

    public static func yamlReservedCharacter(_ character: Character, corrected: String?) -> Message {
        let mark = String(character)
        return Message(yamlCode,
                       fr: "une valeur sans guillemets ne peut pas commencer par « \(mark) »",
                       en: "a value without quotes cannot start with “\(mark)”",
                       hint: LocalizedText(fr: "mettez le texte entre guillemets\(corrected.map { " : \($0)" } ?? "")",
                                           en: "put the text in quotes\(corrected.map { ": \($0)" } ?? "")"))
    }

    public static func yamlMissingSpaceAfterColon(key: String, corrected: String?) -> Message {
        Message(yamlCode,
                fr: "il manque une espace après « \(key): »",
                en: "a space is missing after “\(key):”",
                hint: LocalizedText(fr: "écrivez une espace entre les deux-points et la valeur\(corrected.map { " : \($0)" } ?? "")",
                                    en: "put a space between the colon and the value\(corrected.map { ": \($0)" } ?? "")"))
    }

    public static func yamlMissingColon(key: String, corrected: String?) -> Message {
        Message(yamlCode,
                fr: "il manque les deux-points après le nom du champ « \(key) »",
                en: "the colon after the field name “\(key)” is missing",
                hint: LocalizedText(fr: "écrivez le nom, « : », une espace, puis la valeur\(corrected.map { " : \($0)" } ?? "")",
                                    en: "write the name, “:”, a space, then the value\(corrected.map { ": \($0)" } ?? "")"))
    }

    public static func yamlMissingSpaceAfterDash(corrected: String?) -> Message {
        Message(yamlCode,
                fr: "il manque une espace après le tiret qui commence l'élément de liste",
                en: "a space is missing after the dash that starts the list item",
                hint: LocalizedText(fr: "écrivez « - » puis une espace\(corrected.map { " : \($0)" } ?? "")",
                                    en: "write “-” then a space\(corrected.map { ": \($0)" } ?? "")"))
    }

    public static func yamlMisindentedKey(key: String, expectedColumn: Int, sibling: String?, siblingLine: Int?) -> Message {
        let besideFR: French = if let sibling, let siblingLine { ", comme « \(sibling) » ligne \(siblingLine)" } else { "" }
        let besideEN: English = if let sibling, let siblingLine { ", like “\(sibling)” on line \(siblingLine)" } else { "" }
        return Message(yamlCode,
                       fr: "le champ « \(key) » est mal aligné : il devrait commencer colonne \(expectedColumn)\(besideFR)",
                       en: "the field “\(key)” is not aligned: it should start at column \(expectedColumn)\(besideEN)",
                       hint: LocalizedText(fr: "les champs d'un même bloc commencent tous à la même colonne ; ajoutez ou retirez des espaces en début de ligne",
                                           en: "the fields of one block all start at the same column; add or remove spaces at the start of the line"))
    }

    public static func yamlKeyAmongListItems(key: String, expectedColumn: Int?, sibling: String?, siblingLine: Int?) -> Message {
        let alignFR: French = if let expectedColumn, let sibling, let siblingLine {
            "pour compléter l'élément de la ligne \(siblingLine), alignez « \(key) » sur « \(sibling) » (colonne \(expectedColumn)) ; "
        } else { "" }
        let alignEN: English = if let expectedColumn, let sibling, let siblingLine {
            "to complete the item of line \(siblingLine), align “\(key)” with “\(sibling)” (column \(expectedColumn)); "
        } else { "" }
        return Message(yamlCode,
                       fr: "le champ « \(key) » est au niveau des tirets de la liste, où seul un élément « - » peut venir",
                       en: "the field “\(key)” is at the level of the list's dashes, where only a “-” item can come",
                       hint: LocalizedText(fr: "\(alignFR)pour un nouvel élément, commencez la ligne par « - »",
                                           en: "\(alignEN)for a new item, start the line with “-”"))
    }

    public static func yamlListItemAmongKeys(previousKey: String?) -> Message {
        Message(yamlCode,
                fr: "un élément de liste (« - ») au milieu des champs\(previousKey.map { " (après « \($0) »)" } ?? "")",
                en: "a list item (“-”) among the fields\(previousKey.map { " (after “\($0)”)" } ?? "")",
                hint: LocalizedText(fr: "une liste se place sous le champ qu'elle remplit, décalée de deux espaces : « needs: » puis « - id: … » à la ligne",
                                    en: "a list goes under the field it fills, two spaces further in: “needs:” then “- id: …” on the next line"))
    }

    public static func yamlUnclosedBracket(_ bracket: Character, corrected: String?) -> Message {
        let closing = bracket == "[" ? "]" : "}"
        return Message(yamlCode,
                       fr: "le « \(String(bracket)) » ouvert ici n'est pas refermé",
                       en: "the “\(String(bracket))” opened here is not closed",
                       hint: LocalizedText(fr: "ajoutez « \(closing) » à la fin de la liste\(corrected.map { " : \($0)" } ?? "")",
                                           en: "add “\(closing)” at the end of the list\(corrected.map { ": \($0)" } ?? "")"))
    }

    public static func yamlUnknownAlias(_ name: String) -> Message {
        Message(yamlCode,
                fr: "« *\(name) » renvoie à une ancre YAML qui n'existe pas",
                en: "“*\(name)” refers to a YAML anchor that does not exist",
                hint: LocalizedText(fr: "un texte qui commence par « * » s'écrit entre guillemets : \"*\(name)\"",
                                    en: "a text that starts with “*” is written in quotes: \"*\(name)\""))
    }

    public static func yamlMultipleDocuments() -> Message {
        Message(yamlCode,
                fr: "une ligne « --- » commence ici un second document YAML",
                en: "a “---” line starts a second YAML document here",
                hint: LocalizedText(fr: "un fichier ne contient qu'un document : retirez cette ligne (dans un fichier .md, l'en-tête finit à la première ligne « --- »)",
                                    en: "a file holds one document: remove this line (in a .md file, the front matter ends at the first “---” line)"))
    }

    public static func yamlTooLarge(nodes: Int) -> Message {
        Message(yamlCode,
                fr: "le document dépasse \(nodes) valeurs une fois les alias YAML développés",
                en: "the document expands to more than \(nodes) nodes (aliases)",
                hint: LocalizedText(fr: "n'utilisez pas d'alias (« *nom ») : écrivez les valeurs", en: "do not use aliases (“*name”): write the values"))
    }

    public static func yamlTooDeep(levels: Int) -> Message {
        Message(yamlCode,
                fr: "le document s'imbrique sur plus de \(levels) niveaux",
                en: "the document nests deeper than \(levels) levels")
    }

    public static func yamlUnreadable(_ problem: String) -> Message {
        Message(yamlCode,
                fr: "le YAML ne peut pas être lu ici (\(problem))",
                en: "the YAML cannot be read here (\(problem))",
                hint: LocalizedText(fr: "enregistrez le fichier en UTF-8", en: "save the file as UTF-8"))
    }

    /// libyaml's explanation, in words an editor can act on where we know them.
    public static func yamlOther(problem: String) -> Message {
        let known: [String: (fr: French, en: English)] = [
            "mapping values are not allowed in this context":
                ("un « : » n'est pas permis ici", "a “:” is not allowed here"),
            "did not find expected key":
                ("un champ (nom: valeur) était attendu ici", "a field (name: value) was expected here"),
            "did not find expected '-' indicator":
                ("un élément de liste « - » était attendu ici", "a “-” list item was expected here"),
            "could not find expected ':'":
                ("les deux-points après un nom de champ manquent avant cette ligne", "a colon after a field name is missing before this line"),
            "found character that cannot start any token":
                ("ce caractère ne peut pas commencer une valeur", "this character cannot start a value"),
            "found unexpected end of stream":
                ("le texte se termine au milieu d'une valeur", "the text ends in the middle of a value"),
            "did not find expected node content":
                ("une valeur était attendue ici", "a value was expected here"),
            "found unknown escape character while parsing a quoted scalar":
                ("« \\ » suivi de ce caractère n'est pas permis entre guillemets doubles",
                 "“\\” followed by this character is not allowed in double quotes"),
            "block sequence entries are not allowed in this context":
                ("un élément de liste « - » n'est pas permis ici", "a “-” list item is not allowed here"),
        ]
        let hint = LocalizedText(fr: "vérifiez l'alignement des champs (des espaces, jamais de tabulation) et mettez entre guillemets les textes qui contiennent « : », « # » ou commencent par un signe",
                                 en: "check that fields are aligned (spaces, never tabs) and quote texts that contain “:” or “#” or start with a sign")
        if let words = known[problem] {
            if problem.hasPrefix("found unknown escape") {
                return Message(yamlCode, fr: words.fr, en: words.en,
                               hint: LocalizedText(fr: "entre guillemets doubles, « \\ » s'écrit « \\\\ » ; ou mettez le texte entre apostrophes",
                                                   en: "in double quotes, “\\” is written “\\\\”; or put the text in single quotes"))
            }
            return Message(yamlCode, fr: words.fr, en: words.en, hint: hint)
        }
        return Message(yamlCode,
                       fr: "le YAML ne peut pas être lu ici (\(problem))",
                       en: "the YAML cannot be read here (\(problem))",
                       hint: hint)
    }

    public static func duplicateKey(_ key: String, firstLine: Int, line: Int) -> Message {
        Message("duplicate-key",
                fr: "le champ « \(key) » est déjà donné ligne \(firstLine)",
                en: "the field “\(key)” is already set on line \(firstLine)",
                hint: LocalizedText(fr: "gardez une seule des deux lignes (\(firstLine) et \(line))",
                                    en: "keep only one of the two lines (\(firstLine) and \(line))"))
    }
}
