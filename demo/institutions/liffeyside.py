"""Demo institution 3. Ireland: further education, stacking Microsoft 365 badges: Liffeyside College of Further Education (``demo.data`` says what the keys mean)."""

INSTITUTION = {
    "name": "Liffeyside College of Further Education",
    "colour": "#1e6fb8",
    "fields": {
        "description": (
            "A further-education and training college offering part-time, flexible courses for "
            "adults. Its Microsoft 365 Fundamentals award is split into six ~25-hour badges that "
            "stack to a 150-hour award (1 credit = 10 learning hours). Fictional college (demo)."
        ),
        "url": "https://liffeyside-fe.example/",
        "country": "IE",
        "language": "en",
        "translations": {"ga": {"name": "Coláiste Breisoideachais Thaobh na Life"}},
    },
    "staff": [
        {
            "email": "aoife.byrne@liffeyside.example",
            "full_name": "Aoife Byrne",
            "role": "owner",
        },
        {
            "email": "ciaran.walsh@liffeyside.example",
            "full_name": "Ciarán Walsh",
            "role": "admin",
        },
        {
            "email": "niamh.kelly@liffeyside.example",
            "full_name": "Niamh Kelly",
            "role": "editor",
        },
        {
            "email": "declan.murphy@liffeyside.example",
            "full_name": "Declan Murphy",
            "role": "awarder",
        },
    ],
    "defaults": {
        "achievement_type": "MicroCredential",
        "assessment_types": ["assignment", "exam"],
        "assessor": "internal",
        "identity_verification": "onsite_id",
        "credit_system": "national",
        "credit_system_name": "QQI FET credits (1 credit = 10 learning hours)",
        "eqf_level": 4,
        "nqf_level": "5",
        "nqf_framework": "National Framework of Qualifications (NFQ, Ireland)",
        "isced_f_code": "0611",
        "participation_forms": ["blended"],
        "languages_of_instruction": ["en"],
        "qa_type": "external",
        "qa_body": "Quality and Qualifications Ireland (QQI)",
        "qa_body_url": "https://www.qqi.ie/",
        "accreditation": "Delivered under QQI-validated programme (demo)",
        "criteria_url": "https://liffeyside-fe.example/digital/m365/assessment",
    },
    "issuers": [
        {
            "name": "Liffeyside Department of Digital Skills",
            "initials": "LD",
            "fields": {
                "description": (
                    "Evening and online courses in everyday digital skills for work, from first steps "
                    "to Microsoft 365 administration (demo)."
                ),
                "url": "https://liffeyside-fe.example/digital",
                "email": "digital@liffeyside.example",
                "telephone": "+353 1 555 0101",
                "street_address": "12 Quay Road (demo)",
                "locality": "Dublin",
                "region": "Leinster",
                "postal_code": "D08 X2Y3",
                "country": "IE",
                "language": "en",
            },
            "staff": [
                {
                    "email": "siobhan.doyle@liffeyside.example",
                    "full_name": "Siobhán Doyle",
                    "role": "editor",
                },
            ],
            "badge_classes": [
                {
                    "name": "Microsoft 365 Fundamentals (150-hour award)",
                    "image": {
                        "initials": "M365",
                        "shape": "shield",
                        "caption": "150 h award",
                    },
                    "achievement_type": "Award",
                    "human_code": "LFE-M365-AWARD (demo)",
                    "description": (
                        "The full 150-hour award: earned by completing all six Microsoft 365 "
                        "Fundamentals badges. It prepares learners for the vendor's fundamentals "
                        "exam and for office work in cloud-based organisations."
                    ),
                    "tags": [
                        "Microsoft 365",
                        "digital skills",
                        "stackable",
                        "award",
                    ],
                    "criteria_narrative": (
                        "Hold all six **Microsoft 365 Fundamentals** module badges (25 hours each) and "
                        "complete a short capstone portfolio describing how you used the tools at work."
                    ),
                    "assessment_types": ["portfolio"],
                    "outcomes": [
                        (
                            "Explain cloud service models and the benefits of Microsoft 365 for an organisation.",
                            "46b5e452-afc6-4af9-97cd-a353347836c4",
                        ),
                        (
                            "Produce, share and co-author documents, spreadsheets and presentations in the cloud.",
                            "ffdc6fe3-35f0-460f-b9ad-acb5e7da6f2c",
                        ),
                        (
                            "Collaborate with Outlook, Teams, SharePoint and OneDrive.",
                            "5db3219a-f5a9-4c33-915e-a1cbbeb0ac0a",
                        ),
                        (
                            "Apply security, privacy and compliance settings appropriate to a small organisation.",
                            "d435e10c-dfbb-44b3-a8a4-05be215ffb77",
                        ),
                    ],
                    "workload_hours": 150,
                    "credits": 15,
                    "duration_amount": 30,
                    "duration_unit": "W",
                    "part_of_qualification": "Level 5 Certificate in Information Technology (demo)",
                    "prerequisites": "All six Microsoft 365 Fundamentals module badges.",
                    "stack_targets": [
                        {
                            "name": "Level 5 Certificate in Information Technology (demo)",
                            "url": "https://liffeyside-fe.example/it-certificate",
                            "credits": 15,
                        },
                    ],
                    "alignments": [
                        {
                            "name": "DigComp 2.2 — The Digital Competence Framework for Citizens",
                            "url": "https://joint-research-centre.ec.europa.eu/digcomp_en",
                            "framework": "DigComp 2.2",
                        },
                    ],
                    "partners": [
                        {
                            "name": "Dublin Digital Employers' Network (demo)",
                            "url": "https://dden.example/",
                            "role": "Work placements and guest speakers",
                        },
                    ],
                    "translate": {
                        "lv": {
                            "texts": {
                                "name": "Microsoft 365 pamati (150 stundu apliecība)",
                                "description": (
                                    "Pilna 150 stundu apliecība: to iegūst, apgūstot visus sešus "
                                    "Microsoft 365 pamatu moduļus pa 25 stundām."
                                ),
                                "prerequisites": "Visi seši Microsoft 365 pamatu moduļu žetoni.",
                            },
                            "outcomes": [
                                "Izskaidrot mākoņpakalpojumu modeļus un Microsoft 365 priekšrocības organizācijai.",
                                "Veidot, kopīgot un kopīgi rediģēt dokumentus, izklājlapas un prezentācijas mākonī.",
                                "Sadarboties, izmantojot Outlook, Teams, SharePoint un OneDrive.",
                                "Piemērot mazai organizācijai atbilstošus drošības, privātuma un atbilstības iestatījumus.",
                            ],
                        }
                    },
                },
                {
                    "name": "Microsoft 365 Fundamentals 1: Cloud concepts",
                    "image": {"initials": "M1", "caption": "25 h · 2.5 cr"},
                    "human_code": "LFE-M365-01 (demo)",
                    "description": "Cloud computing, software as a service and what Microsoft 365 offers.",
                    "tags": ["Microsoft 365", "cloud", "stackable"],
                    "criteria_narrative": "Complete the weekly exercises and pass the module quiz (at least 60 %).",
                    "outcomes": [
                        (
                            "Describe IaaS, PaaS and SaaS and the shared-responsibility model.",
                            "2ca9befb-1640-41bf-a26f-22fc46ba2c08",
                        ),
                        (
                            "Compare on-premises and cloud productivity tools for a given organisation.",
                            None,
                        ),
                    ],
                    "workload_hours": 25,
                    "credits": 2.5,
                    "duration_amount": 5,
                    "duration_unit": "W",
                    "part_of_qualification": "Microsoft 365 Fundamentals (150-hour award)",
                    "prerequisites": "Basic computer use.",
                    "stack_targets": [
                        {
                            "target": "Microsoft 365 Fundamentals (150-hour award)",
                            "credits": 2.5,
                        }
                    ],
                },
                {
                    "name": "Microsoft 365 Fundamentals 2: Documents and presentations",
                    "image": {"initials": "M2", "caption": "25 h · 2.5 cr"},
                    "human_code": "LFE-M365-02 (demo)",
                    "description": "Word and PowerPoint in the browser and on the desktop: co-authoring, comments, versions.",
                    "tags": ["Microsoft 365", "Word", "PowerPoint", "stackable"],
                    "criteria_narrative": "Submit a co-authored report and a short presentation (assignment).",
                    "assessment_types": ["assignment"],
                    "outcomes": [
                        (
                            "Create structured documents with styles, tables and references.",
                            "9a26340b-1b41-4f2a-9e47-a1a6b7a7a4e7",
                        ),
                        (
                            "Co-author and review a document using comments and version history.",
                            None,
                        ),
                        (
                            "Design a clear presentation and share it with an audience online.",
                            "a8fdf65b-c509-4c49-93ff-d76dd0e5a6f8",
                        ),
                    ],
                    "workload_hours": 25,
                    "credits": 2.5,
                    "duration_amount": 5,
                    "duration_unit": "W",
                    "part_of_qualification": "Microsoft 365 Fundamentals (150-hour award)",
                    "stack_targets": [
                        {
                            "target": "Microsoft 365 Fundamentals (150-hour award)",
                            "credits": 2.5,
                        }
                    ],
                },
                {
                    "name": "Microsoft 365 Fundamentals 3: Excel for everyday data",
                    "image": {"initials": "M3", "caption": "25 h · 2.5 cr"},
                    "human_code": "LFE-M365-03 (demo)",
                    "description": "Spreadsheets for work: formulas, tables, charts and shared workbooks.",
                    "tags": ["Microsoft 365", "Excel", "stackable"],
                    "criteria_narrative": "Build a shared budget workbook to the brief and pass a practical test.",
                    "assessment_types": ["assignment", "practical"],
                    "outcomes": [
                        (
                            "Use formulas, functions and tables to analyse everyday data.",
                            "3d59d8ca-5559-4379-b44c-9907722bab0e",
                        ),
                        (
                            "Present data with charts and conditional formatting.",
                            None,
                        ),
                    ],
                    "workload_hours": 25,
                    "credits": 2.5,
                    "duration_amount": 5,
                    "duration_unit": "W",
                    "part_of_qualification": "Microsoft 365 Fundamentals (150-hour award)",
                    "stack_targets": [
                        {
                            "target": "Microsoft 365 Fundamentals (150-hour award)",
                            "credits": 2.5,
                        }
                    ],
                },
                {
                    "name": "Microsoft 365 Fundamentals 4: Outlook and Teams",
                    "image": {"initials": "M4", "caption": "25 h · 2.5 cr"},
                    "human_code": "LFE-M365-04 (demo)",
                    "description": "E-mail, calendars, online meetings and team channels.",
                    "tags": ["Microsoft 365", "Outlook", "Teams", "stackable"],
                    "criteria_narrative": "Organise and run a short online team meeting; pass the module quiz.",
                    "outcomes": [
                        (
                            "Manage e-mail, calendars and shared mailboxes in Outlook.",
                            "72127b8e-0729-4d02-b8c5-ff9716a9789c",
                        ),
                        (
                            "Run online meetings and organise team work in Teams channels.",
                            "a3264607-5fb5-4312-9702-b9380a92f3f6",
                        ),
                    ],
                    "workload_hours": 25,
                    "credits": 2.5,
                    "duration_amount": 5,
                    "duration_unit": "W",
                    "part_of_qualification": "Microsoft 365 Fundamentals (150-hour award)",
                    "stack_targets": [
                        {
                            "target": "Microsoft 365 Fundamentals (150-hour award)",
                            "credits": 2.5,
                        }
                    ],
                },
                {
                    "name": "Microsoft 365 Fundamentals 5: SharePoint and OneDrive",
                    "image": {"initials": "M5", "caption": "25 h · 2.5 cr"},
                    "human_code": "LFE-M365-05 (demo)",
                    "description": "Storing, sharing and finding files; team sites and permissions.",
                    "tags": [
                        "Microsoft 365",
                        "SharePoint",
                        "OneDrive",
                        "stackable",
                    ],
                    "criteria_narrative": "Set up a team site with libraries and permissions to the brief.",
                    "assessment_types": ["assignment"],
                    "outcomes": [
                        (
                            "Organise files in OneDrive and SharePoint libraries and share them safely.",
                            "969d76a1-bbb4-4bf3-ad53-34159332ba37",
                        ),
                        ("Create a team site and manage its permissions.", None),
                    ],
                    "workload_hours": 25,
                    "credits": 2.5,
                    "duration_amount": 5,
                    "duration_unit": "W",
                    "part_of_qualification": "Microsoft 365 Fundamentals (150-hour award)",
                    "stack_targets": [
                        {
                            "target": "Microsoft 365 Fundamentals (150-hour award)",
                            "credits": 2.5,
                        }
                    ],
                },
                {
                    "name": "Microsoft 365 Fundamentals 6: Security, privacy and compliance",
                    "image": {"initials": "M6", "caption": "25 h · 2.5 cr"},
                    "human_code": "LFE-M365-06 (demo)",
                    "description": "Identity, multi-factor authentication, data protection and GDPR basics.",
                    "tags": ["Microsoft 365", "security", "GDPR", "stackable"],
                    "criteria_narrative": "Pass the supervised module exam (at least 60 %).",
                    "assessment_types": ["exam"],
                    "outcomes": [
                        (
                            "Explain identity, multi-factor authentication and conditional access.",
                            "ee466211-688e-4795-b304-b40399fdfa50",
                        ),
                        (
                            "Apply basic data-protection and GDPR principles when handling personal data.",
                            "1b675ca2-2a0b-432e-bea2-672d96fd090d",
                        ),
                    ],
                    "workload_hours": 25,
                    "credits": 2.5,
                    "duration_amount": 5,
                    "duration_unit": "W",
                    "part_of_qualification": "Microsoft 365 Fundamentals (150-hour award)",
                    "stack_targets": [
                        {
                            "target": "Microsoft 365 Fundamentals (150-hour award)",
                            "credits": 2.5,
                        }
                    ],
                    "alignments": [
                        {
                            "name": "General Data Protection Regulation (EU) 2016/679",
                            "url": "https://eur-lex.europa.eu/eli/reg/2016/679/oj",
                            "framework": "EU law",
                            "code": "2016/679",
                        },
                    ],
                },
            ],
        },
    ],
}
