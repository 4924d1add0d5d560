import Foundation
import RinriCore

/// The kinds of AI system the benchmark organisation runs, each with what it is for, who it touches,
/// its model and data, and the risks people would enter for it.
struct BenchArchetype: Sendable {
    var name: String
    var purpose: String
    var users: String
    var affected: String
    var modelType: ModelType
    var biometric = false
    var generative = false
    var agents = false
    var dataset: (name: String, source: String, method: AcquisitionMethod, personal: Bool, sensitive: Bool)
    var risks: [(title: String, rights: [HumanRight])]
}

enum BenchCatalogue {
    static let archetypes: [BenchArchetype] = [
        BenchArchetype(name: "CV screening assistant", purpose: "Ranks incoming job applications against the role profile so that recruiters read the most relevant ones first.",
                       users: "Recruiters and hiring managers", affected: "Job applicants", modelType: .ranking,
                       dataset: ("Historical applications and outcomes", "Applicant tracking system, 2019-2025", .internalRecords, true, true),
                       risks: [("Lower ranking of women and older applicants", [.nonDiscrimination, .labourRights]),
                               ("Applicants cannot contest an automated rejection", [.accessToRemedy])]),
        BenchArchetype(name: "Attrition forecast", purpose: "Estimates which teams are likely to lose people in the next two quarters so that HR can plan retention measures.",
                       users: "HR business partners", affected: "Employees", modelType: .regression,
                       dataset: ("Employee records", "HR information system", .internalRecords, true, true),
                       risks: [("Individual employees singled out from team forecasts", [.privacy, .labourRights])]),
        BenchArchetype(name: "Customer service chatbot", purpose: "Answers customers' questions about orders, deliveries and returns in chat, handing over to an agent when it cannot help.",
                       users: "Customers", affected: "Customers and their contacts", modelType: .generative, generative: true,
                       dataset: ("Support knowledge base", "Published help articles and anonymised chat transcripts", .internalRecords, true, false),
                       risks: [("Wrong or invented answers about refunds", [.property, .accessToRemedy]),
                               ("Personal data disclosed in an answer", [.privacy])]),
        BenchArchetype(name: "Call summariser", purpose: "Writes a summary of each support call for the case file.",
                       users: "Support agents", affected: "Callers", modelType: .generative, generative: true,
                       dataset: ("Call recordings", "Contact centre, with callers' consent", .collectedFromUsers, true, false),
                       risks: [("Summary misstates what the caller said", [.accessToRemedy])]),
        BenchArchetype(name: "Email triage", purpose: "Sorts incoming customer e-mail by topic and urgency.",
                       users: "Back-office teams", affected: "Customers writing in", modelType: .classification,
                       dataset: ("Labelled e-mails", "Shared mailboxes, labelled by the teams", .internalRecords, true, false),
                       risks: [("Urgent complaints left in a low-priority queue", [.accessToRemedy])]),
        BenchArchetype(name: "Visual inspection", purpose: "Detects scratches, dents and missing parts on the production line from camera images.",
                       users: "Line operators and quality engineers", affected: "Line workers and end customers", modelType: .detection,
                       dataset: ("Defect image library", "Line cameras, labelled by quality engineers", .internalRecords, false, false),
                       risks: [("Missed safety-relevant defect reaches customers", [.physicalSafety])]),
        BenchArchetype(name: "Predictive maintenance", purpose: "Predicts machine failures from sensor data so that maintenance is scheduled before a breakdown.",
                       users: "Maintenance planners", affected: "Plant workers", modelType: .regression,
                       dataset: ("Sensor time series", "Plant historian", .internalRecords, false, false),
                       risks: [("Missed failure injures a worker", [.physicalSafety])]),
        BenchArchetype(name: "Demand forecast", purpose: "Forecasts weekly demand per product and region for production planning.",
                       users: "Supply chain planners", affected: "Suppliers and customers", modelType: .regression,
                       dataset: ("Sales history", "ERP sales orders", .internalRecords, false, false),
                       risks: [("Shortages of essential products in one region", [.property])]),
        BenchArchetype(name: "Route optimiser", purpose: "Plans delivery routes and time windows for the van fleet.",
                       users: "Dispatchers and drivers", affected: "Drivers and recipients", modelType: .other,
                       dataset: ("Delivery telemetry", "Fleet telematics", .internalRecords, true, false),
                       risks: [("Schedules that push drivers past safe working hours", [.labourRights, .physicalSafety])]),
        BenchArchetype(name: "Warehouse picking agent", purpose: "Plans and dispatches picking tasks to robots and people in the warehouse, re-planning as orders arrive.",
                       users: "Warehouse supervisors", affected: "Warehouse workers", modelType: .other, agents: true,
                       dataset: ("Order and stock events", "Warehouse management system", .internalRecords, false, false),
                       risks: [("Work pace set by the agent harms workers' health", [.labourRights, .physicalSafety])]),
        BenchArchetype(name: "Credit scoring", purpose: "Scores applications for consumer credit and proposes a limit.",
                       users: "Credit officers", affected: "Credit applicants", modelType: .classification,
                       dataset: ("Loan book", "Core banking system and credit bureau", .partner, true, true),
                       risks: [("Applicants from some postcodes refused more often", [.nonDiscrimination, .property]),
                               ("No meaningful explanation of a refusal", [.accessToRemedy])]),
        BenchArchetype(name: "Fraud detection", purpose: "Flags card payments that look fraudulent for review or blocking.",
                       users: "Fraud analysts", affected: "Cardholders and merchants", modelType: .classification,
                       dataset: ("Card transactions", "Payment processor", .partner, true, false),
                       risks: [("Legitimate payments blocked for some groups of customers", [.nonDiscrimination, .property])]),
        BenchArchetype(name: "Invoice extraction", purpose: "Reads supplier invoices and fills in the accounts-payable fields.",
                       users: "Accounts-payable clerks", affected: "Suppliers", modelType: .other,
                       dataset: ("Scanned invoices", "Accounts-payable archive", .internalRecords, false, false),
                       risks: [("Wrong amounts paid to small suppliers", [.property])]),
        BenchArchetype(name: "Contract review assistant", purpose: "Highlights unusual clauses in supplier contracts and drafts comments for the lawyer.",
                       users: "In-house lawyers", affected: "Counterparties", modelType: .generative, generative: true,
                       dataset: ("Contract corpus", "Signed contracts, with personal data removed", .internalRecords, false, false),
                       risks: [("Invented legal references relied on", [.property, .accessToRemedy])]),
        BenchArchetype(name: "Coding assistant", purpose: "Suggests code and tests to developers inside the editor.",
                       users: "Software developers", affected: "Users of the software built with it", modelType: .generative, generative: true,
                       dataset: ("Licensed code corpus", "Vendor model, fine-tuned on internal repositories", .purchased, false, false),
                       risks: [("Insecure code suggestions shipped in products", [.privacy, .property])]),
        BenchArchetype(name: "Face recognition entry gate", purpose: "Opens site entrance gates for enrolled employees by face identification.",
                       users: "Facility security", affected: "Employees, contractors and visitors", modelType: .other, biometric: true,
                       dataset: ("Enrolment images", "Enrolment kiosks, consent recorded per person", .collectedFromUsers, true, true),
                       risks: [("False non-matches for darker skin tones", [.nonDiscrimination, .humanDignity]),
                               ("Biometric templates leaked", [.privacy])]),
        BenchArchetype(name: "Store footfall analytics", purpose: "Counts visitors and measures dwell time in stores from ceiling cameras.",
                       users: "Store managers", affected: "Shoppers and staff", modelType: .detection,
                       dataset: ("Store camera footage", "In-store cameras, blurred at the edge", .collectedFromUsers, true, false),
                       risks: [("Shoppers tracked without notice", [.privacy])]),
        BenchArchetype(name: "Product recommendation", purpose: "Recommends products on the web shop and in e-mails.",
                       users: "Online shoppers", affected: "Online shoppers", modelType: .recommendation,
                       dataset: ("Browsing and purchase history", "Web shop", .collectedFromUsers, true, false),
                       risks: [("Manipulative recommendations to vulnerable customers", [.freedomOfThought, .property])]),
        BenchArchetype(name: "Dynamic pricing", purpose: "Sets online prices within limits set by category managers.",
                       users: "Category managers", affected: "Customers", modelType: .regression,
                       dataset: ("Price and demand history", "Pricing engine logs", .internalRecords, false, false),
                       risks: [("Higher prices for customers in poorer areas", [.nonDiscrimination, .property])]),
        BenchArchetype(name: "Medical image triage", purpose: "Orders the radiology worklist by the likelihood of an urgent finding.",
                       users: "Radiologists", affected: "Patients", modelType: .classification,
                       dataset: ("Labelled X-ray studies", "Partner hospitals, under data-sharing agreements", .partner, true, true),
                       risks: [("Urgent findings missed for under-represented patients", [.physicalSafety, .nonDiscrimination])]),
        BenchArchetype(name: "Procurement agent", purpose: "Requests quotes, compares offers and places routine orders within budget limits.",
                       users: "Buyers", affected: "Suppliers", modelType: .generative, generative: true, agents: true,
                       dataset: ("Supplier catalogue", "Procurement system", .internalRecords, false, false),
                       risks: [("Orders placed outside the delegated authority", [.property])]),
        BenchArchetype(name: "Marketing copy generator", purpose: "Drafts product descriptions and campaign texts in twelve languages.",
                       users: "Marketing teams", affected: "Readers of the campaigns", modelType: .generative, generative: true,
                       dataset: ("Brand style guide and past campaigns", "Marketing archive", .internalRecords, false, false),
                       risks: [("Misleading claims about products", [.property, .freedomOfExpression])]),
        BenchArchetype(name: "Driver drowsiness detection", purpose: "Warns drivers when the in-cabin camera sees signs of drowsiness.",
                       users: "Drivers", affected: "Drivers and other road users", modelType: .detection, biometric: true,
                       dataset: ("In-cabin recordings", "Test drives with consenting drivers", .collectedFromUsers, true, true),
                       risks: [("Drowsiness missed for drivers wearing glasses", [.physicalSafety, .nonDiscrimination])]),
        BenchArchetype(name: "Energy optimisation", purpose: "Adjusts heating, cooling and lighting in office buildings to cut energy use.",
                       users: "Facility managers", affected: "Building occupants", modelType: .other,
                       dataset: ("Building sensor data", "Building management system", .internalRecords, false, false),
                       risks: [("Uncomfortable or unsafe temperatures for occupants", [.physicalSafety])]),
        BenchArchetype(name: "Translation assistant", purpose: "Translates internal documents and customer letters, with a person reviewing each letter.",
                       users: "Employees", affected: "Readers of translated texts", modelType: .generative, generative: true,
                       dataset: ("Translation memory", "Reviewed translations since 2015", .internalRecords, false, false),
                       risks: [("Mistranslated safety instructions", [.physicalSafety])]),
        BenchArchetype(name: "Wafer defect classification", purpose: "Classifies wafer defects from inspection images to find their root cause.",
                       users: "Process engineers", affected: "Fab workers", modelType: .classification,
                       dataset: ("Wafer inspection images", "Inspection tools", .internalRecords, false, false),
                       risks: [("Systematic defect class missed", [.property])]),
    ]

    /// Code names systems go by (`Kestrel 42 — Visual inspection`).
    static let codeNames = ["Aurora", "Kestrel", "Sakura", "Hikari", "Nova", "Atlas", "Falcon", "Orion", "Tsubasa", "Kaze", "Lumen",
                            "Meridian", "Sora", "Tide", "Vega", "Zephyr", "Kirin", "Polaris", "Hayate", "Sirius"]

    /// Countermeasures people write, and what each lowers.
    static let countermeasures: [(title: String, effect: RiskScoring.Effect)] = [
        ("Human review of every adverse outcome before it takes effect", .likelihood),
        ("Quarterly bias test on fresh data, results to the governance office", .likelihood),
        ("Publish a transparency note and a contact point for complaints", .scale),
        ("Limit the rollout to one region until the pilot review", .scope),
        ("Fallback procedure without the AI, tested every release", .scale),
        ("Data minimisation and 30-day retention of inputs", .scope),
        ("Red-team exercise before each major release", .likelihood),
        ("Monitoring dashboard with alerts on drift and error rates", .likelihood),
    ]

    static let tools = ["erp.read", "erp.order", "email.send", "calendar.write", "wms.dispatch", "quote.request", "catalogue.search"]

    static let euCountries: Set<String> = ["DE", "NL", "FR", "IE"]
}
