import Foundation
import Testing

@Suite("rinri sheets")
struct SheetsCLITests {
    @Test func listShowsTheBuiltInLibrary() throws {
        let cli = try CLI()
        let result = try cli.run(["sheets", "list", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let ids = Set(rows.compactMap { $0["id"] as? String })
        #expect(ids.isSuperset(of: ["eu-ai-act-screening", "nec-human-rights-risk", "jp-aigl", "sony-ethics-planning",
                                     "sony-ethics-development", "sony-ethics-release", "review-legal", "review-privacy",
                                     "review-security", "review-human-rights", "review-quality"]))
        let total = rows.compactMap { $0["question_count"] as? Int }.reduce(0, +)
        #expect(total >= 200)
        #expect(rows.allSatisfy { ($0["phases"] as? [String])?.isEmpty == false && $0["version"] is String })
    }

    @Test func validateAcceptsAnExportedTemplateAndReportsLinesOfABadOne() throws {
        let cli = try CLI()
        let exported = cli.folder.appendingPathComponent("eu-ai-act-screening.yaml").path
        #expect(try cli.run(["sheets", "export", "eu-ai-act-screening", "--output", exported]).status == 0)
        let ok = try cli.run(["sheets", "validate", exported])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("1 template(s) valid"))

        // given: a template with an unknown answer type on line 13 and a forward reference on line 14
        let bad = """
        id: bad
        version: 1.0.0
        kind: ethics
        phases: [planning]
        title: {en: "Bad", ja: "不正な例"}
        description: {en: "A broken template.", ja: "壊れたテンプレートです。"}
        sections:
          - id: s
            title: {en: "S", ja: "節"}
            questions:
              - id: q1
                text: {en: "Q?", ja: "質問ですか。"}
                help: {en: "H", ja: "説明です。"}
                answer: maybe
                applies_when: "answers.q2 == 'yes'"
                principles: [SONY.1]
                frameworks: [NIST.MP-1]

        """
        let file = cli.folder.appendingPathComponent("bad.yaml").path
        try bad.write(toFile: file, atomically: true, encoding: .utf8)
        // when
        let result = try cli.run(["sheets", "validate", file])
        // then
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("\(file):14:") && $0.contains("answer") }, "\(lines)")
        #expect(lines.allSatisfy { $0.hasPrefix("\(file):") })
    }

    @Test func unknownTemplatesAndMissingFilesExitTwo() throws {
        let cli = try CLI()
        #expect(try cli.run(["sheets", "export", "no-such-sheet"]).status == 2)
        #expect(try cli.run(["sheets", "validate", "missing.yaml"]).status == 2)
    }

    @Test func importStoresANewVersionInTheDatabaseAndRefusesABadOne() throws {
        let cli = try CLI()
        let file = cli.folder.appendingPathComponent("jp-aigl.yaml")
        #expect(try cli.run(["sheets", "export", "jp-aigl", "--output", file.path]).status == 0)
        var text = try String(contentsOf: file, encoding: .utf8)
        let shipped = text
        text = text.replacingOccurrences(of: "\nversion: 2.0.0\n", with: "\nversion: 2.1.0\n")
        #expect(text != shipped, "the shipped jp-aigl is at 2.0.0")
        try text.write(to: file, atomically: true, encoding: .utf8)

        // a broken file is refused line by line and nothing is stored
        let broken = cli.folder.appendingPathComponent("broken/jp-aigl.yaml")
        try FileManager.default.createDirectory(at: broken.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.replacingOccurrences(of: "answer: yes_no_na", with: "answer: maybe").write(to: broken, atomically: true, encoding: .utf8)
        let refused = try cli.run(["sheets", "import", broken.path])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("jp-aigl.yaml:") && refused.stderr.contains("maybe"))
        #expect(try cli.run(["sheets", "export", "jp-aigl", "--database"]).stdout.contains("version: 2.0.0"))

        let imported = try cli.run(["sheets", "import", file.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("jp-aigl@2.1.0"))
        #expect(try cli.run(["sheets", "export", "jp-aigl", "--database"]).stdout.contains("version: 2.1.0"))
        #expect(try cli.run(["sheets", "export", "jp-aigl", "--database", "--version", "2.0.0"]).stdout.contains("version: 2.0.0"))
        // the same version with other content is a conflict
        try text.replacingOccurrences(of: "Japan", with: "JAPAN").write(to: file, atomically: true, encoding: .utf8)
        let conflict = try cli.run(["sheets", "import", file.path])
        #expect(conflict.status == 2 && conflict.stderr.contains("raise the version"))
    }
}
