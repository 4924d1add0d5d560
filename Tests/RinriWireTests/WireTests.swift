import Foundation
import RinriCore
import RinriMetrics
import RinriWire
import Testing

@Suite("Wire types")
struct WireTests {
    /// A response type with an optional of every kind the synthesised encoder treats separately.
    @Test func everyOptionalIsWrittenAsNullNeverLeftOut() throws {
        // given DTOs with every optional empty
        let token = API.TokenDTO(id: "t", name: "n", prefix: "p", createdAt: Date(timeIntervalSince1970: 0))
        let evidence = API.EvidenceSubmissionDTO()
        let verify = API.AuditVerifyDTO(ok: true, checked: 0)
        let invocation = FairnessInvocation(label: "y", prediction: "p", sensitive: ["sex"])
        // when
        let objects = try [API.encoder.encode(token), API.encoder.encode(evidence), API.encoder.encode(verify), API.encoder.encode(invocation)]
            .map { try #require(JSONSerialization.jsonObject(with: $0) as? [String: Any]) }
        // then every key is there, the empty ones as null
        #expect(Set(objects[0].keys) == ["id", "name", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at"])
        #expect(objects[0]["expires_at"] is NSNull)
        #expect(Set(objects[1].keys) == ["kind", "title", "command", "rinri_version", "input_sha256", "input_rows",
                                         "assessment_id", "question_id", "report"])
        #expect(objects[1].values.allSatisfy { $0 is NSNull })
        #expect(objects[2]["first_bad_seq"] is NSNull && objects[2]["reason"] is NSNull)
        // String?, Int?, Double? and UInt64? of an invocation
        for key in ["score", "bootstrap", "alpha", "seed", "min_group_size", "reference"] { #expect(objects[3][key] is NSNull, "\(key)") }
    }

    @Test func aReportKeepsItsOwnKeysThroughTheAPIKeyStrategies() throws {
        // given a report whose keys are data (group labels), not field names
        let report = JSONValue.object(["by_group": .object(["Asian-Pac-Islander": .int(3), "Female": .double(0.5)]), "rows": .int(8)])
        let dto = API.EvidenceSubmissionDTO(kind: "fairness_report", report: report)
        // when it goes through the API's encoder and decoder
        let data = try API.encoder.encode(dto)
        let back = try API.decoder.decode(API.EvidenceSubmissionDTO.self, from: data)
        // then the keys are as given
        #expect(String(decoding: data, as: UTF8.self).contains("\"Asian-Pac-Islander\":3"))
        #expect(back.report == report)
        #expect(back.kind == "fairness_report")
    }

    @Test func everyEvidenceKindHasExactlyOneDefinition() {
        for kind in EvidenceKind.allCases {
            #expect(EvidenceKinds.all.filter { $0.kind == kind }.count == 1, "\(kind)")
        }
        #expect(EvidenceKinds.all.count == EvidenceKind.allCases.count)
    }

    @Test func aSubmissionIsAcceptedByItsKindsDefinition() throws {
        // a document: the file's facts are computed from its content, whatever the client says
        let content = Data("minutes".utf8).base64EncodedString()
        let document = JSONValue.object(["summary": .string("Review minutes"), "content": .string(content), "file_name": .string("m.txt"),
                                         "file_sha256": .string(String(repeating: "0", count: 64)), "file_bytes": .int(1)])
        let input = try API.EvidenceSubmissionDTO(kind: "document", report: document).validated(source: .api, defaultVersion: "test")
        #expect(input.title == DocumentEvidenceKind.defaultTitle)
        #expect(input.inputSHA256 == SHA256Hex.of(Data("minutes".utf8)))
        #expect(input.passed == nil && input.inputRows == 0)
        // a report that is not of its kind is refused naming the field
        let wrong = #expect(throws: RinriError.self) {
            _ = try API.EvidenceSubmissionDTO(kind: "data_profile", report: .object(["x": .int(1)])).validated(source: .api, defaultVersion: "t")
        }
        #expect(wrong.map { [$0.field, $0.code] } == ["report", "invalid_report"])
        let unknown = #expect(throws: RinriError.self) {
            _ = try API.EvidenceSubmissionDTO(kind: "novel", report: document).validated(source: .api, defaultVersion: "t")
        }
        #expect(unknown.map { [$0.field, $0.code] } == ["kind", "invalid_choice"])
        let missing = #expect(throws: RinriError.self) {
            _ = try API.EvidenceSubmissionDTO(kind: "document").validated(source: .api, defaultVersion: "t")
        }
        #expect(missing?.code == "required")
    }

    @Test func anInvocationRecordsTheCommandThatRepeatsIt() {
        let invocation = FairnessInvocation(label: "y", prediction: "ŷ", sensitive: ["sex", "race"], intersections: [["sex", "race"]],
                                            checks: ["demographic_parity_ratio>=0.8"])
        #expect(invocation.commandLine(data: "my data.csv")
                == "rinri assess fairness --data 'my data.csv' --label y --prediction ŷ --sensitive sex --sensitive race --intersect sex,race --check 'demographic_parity_ratio>=0.8'")
    }
}
