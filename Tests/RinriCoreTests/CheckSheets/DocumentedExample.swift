import Foundation

/// The complete example of docs/check-sheets.md §14, verbatim.
enum DocumentedExample {
    static let yaml = #"""
    id: example-camera-analytics
    version: 1.0.0
    kind: human_rights
    phases: [planning, release]
    applies_when: "system.uses_biometric_data"
    title:
      en: "Camera analytics — short human-rights check"
      ja: "カメラ映像分析 簡易人権チェック"
    description:
      en: "A minimal example showing every element of the format."
      ja: "書式のすべての要素を示す最小限の例です。"
    sections:
      - id: use
        title: {en: "Use", ja: "用途"}
        questions:
          - id: capture_place
            text:
              en: "Where are people captured?"
              ja: "どこで人を撮影しますか。"
            help:
              en: "Choose the most public place."
              ja: "最も公共性の高い場所を選んでください。"
            answer: single_choice
            options:
              - {id: private_site, label: {en: "Private site, staff only", ja: "従業員のみの私有地"}}
              - {id: public_space, label: {en: "Publicly accessible space", ja: "不特定多数が立ち入る空間"}}
            principles: [NEC.HR.privacy]
            frameworks: [EUAIA.Art5(1)(h), NIST.MP-5]
          - id: notice_posted
            text:
              en: "Is a notice posted before people enter the area?"
              ja: "対象エリアに入る前に見える掲示を行っていますか。"
            help:
              en: "A website notice alone does not reach passers-by."
              ja: "Webサイト上の公表だけでは通行人に届きません。"
            answer: yes_no_na
            evidence_required: true
            applies_when: "answers.capture_place == 'public_space'"
            principles: [NEC.HR.transparency]
            frameworks: [EUAIA.Art50(3), ISO42001.A.8.2, JP-AIGL.C6]
            risks:
              - when: "answer == 'no'"
                title: {en: "People filmed without notice", ja: "通知なしの撮影"}
                rights: [privacy]
                severity: {scale: 2, scope: 3, irremediability: 2}
                likelihood: 3
                countermeasures:
                  - {en: "Post signs at every entrance.", ja: "すべての入口に掲示を行います。"}
      - id: eu
        title: {en: "EU", ja: "EU向け"}
        applies_when: "'EU' in system.jurisdictions"
        questions:
          - id: law_enforcement_rbi
            text:
              en: "Is the system used for real-time remote identification by law enforcement?"
              ja: "法執行機関によるリアルタイム遠隔識別に使用しますか。"
            help:
              en: "Include use by customers."
              ja: "お客さまによる利用も含めて回答してください。"
            answer: yes_no_na
            principles: [NEC.HR.proper_use]
            frameworks: [EUAIA.Art5(1)(h)]
    outcomes:
      - group: classification
        id: prohibited
        label: {en: "Prohibited in the EU", ja: "EUでは禁止"}
        when: "answers.law_enforcement_rbi == 'yes'"
        obligations:
          - {ref: EUAIA.Art5, text: {en: "Do not offer this use in the EU.", ja: "EU域内で当該用途を提供しません。"}}
      - group: classification
        id: other
        label: {en: "Not prohibited", ja: "禁止に該当しない"}
        when: "true"
    """#
}
