import Foundation
import Testing
@testable import OpenMapRender

@Suite struct SafeJSONTests {
    @Test(arguments: [
        "</script><script>alert(1)</script>", "\"onmouseover=alert(1) x=\"", "a\\", "a\\\"b", "l'été & « co »", "\\\\\"",
    ])
    func markupCharactersAreEscapedAndTheValueSurvives(text: String) throws {
        let bytes = try #require(SafeJSON.encode(["k": text, "list": [text]]))
        let json = String(decoding: bytes, as: UTF8.self)
        for character in ["<", ">", "&", "'"] { #expect(!json.contains(character)) }
        // No quote inside a string: the only quotes left delimit the 2 keys and 2 strings.
        #expect(json.filter { $0 == "\"" }.count == 8)
        let back = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(back["k"] as? String == text)
        #expect((back["list"] as? [String])?.first == text)
    }
}
