"""Demo institution 4. An openSAP-style MOOC provider: Kursora Open (``demo.data`` says what the keys mean)."""

INSTITUTION = {
    "name": "Kursora Open",
    "colour": "#6c3483",
    "fields": {
        "description": (
            "A free MOOC platform for enterprise technology in the style of openSAP: four- to "
            "six-week online courses with weekly assignments and a final exam. Learners who reach "
            "half of the maximum points receive a record of achievement; those who view half of the "
            "content receive a confirmation of participation. Fictional provider (demo)."
        ),
        "url": "https://kursora-open.example/",
        "country": "DE",
        "language": "en",
        "translations": {"de": {"name": "Kursora Open"}},
    },
    "staff": [
        {
            "email": "katrin.vogel@kursora.example",
            "full_name": "Katrin Vogel",
            "role": "owner",
        },
        {
            "email": "tobias.brandt@kursora.example",
            "full_name": "Tobias Brandt",
            "role": "admin",
        },
        {
            "email": "lea.schreiber@kursora.example",
            "full_name": "Lea Schreiber",
            "role": "editor",
        },
        {
            "email": "felix.hartmann@kursora.example",
            "full_name": "Felix Hartmann",
            "role": "awarder",
        },
    ],
    "defaults": {
        "achievement_type": "Course",
        "assessment_types": ["assignment", "exam"],
        "assessor": "internal",
        "identity_verification": "none",
        "result_type": "Percent",
        "result_description": "Share of the maximum points (at least 50 % for a record of achievement)",
        "participation_forms": ["online"],
        "languages_of_instruction": ["en"],
        "qa_type": "internal",
        "qa_body": "Kursora Open course review board (demo)",
        "criteria_url": "https://kursora-open.example/help/certificates",
    },
    "issuers": [
        {
            "name": "Kursora Open — Enterprise Technology Courses",
            "initials": "KO",
            "logo_kind": "svg",
            "fields": {
                "description": "Self-paced and scheduled MOOCs on business software and sustainability (demo).",
                "url": "https://kursora-open.example/courses",
                "email": "support@kursora.example",
                "telephone": "+49 30 5555 0100",
                "street_address": "Lernallee 5 (demo)",
                "locality": "Berlin",
                "region": "Berlin",
                "postal_code": "10115",
                "country": "DE",
                "language": "en",
            },
            "badge_classes": [
                {
                    "name": "Record of Achievement: Sustainable Supply Chains",
                    "image": {
                        "initials": "RoA",
                        "kind": "svg",
                        "caption": "6 weeks",
                    },
                    "human_code": "ko-scm1 (demo)",
                    "description": (
                        "Record of achievement for the six-week MOOC on designing supply chains that "
                        "measure and reduce emissions, waste and social risk."
                    ),
                    "tags": [
                        "MOOC",
                        "record of achievement",
                        "sustainability",
                        "supply chain",
                    ],
                    "criteria_narrative": (
                        "Earn **at least 50 % of the maximum points** across the five weekly "
                        "assignments (50 %) and the final exam (50 %)."
                    ),
                    "outcomes": [
                        (
                            "Map a supply chain and identify its main sources of emissions.",
                            "9ac46af7-20dc-419f-bb1c-3f833b8b2f70",
                        ),
                        (
                            "Select indicators to report on sustainable procurement.",
                            "4d830f24-3115-412e-be80-6cfa7e69d0e7",
                        ),
                        ("Propose improvements using business-network data.", None),
                    ],
                    "workload_hours": 24,
                    "duration_amount": 6,
                    "duration_unit": "W",
                    "isced_f_code": "041",
                    "prerequisites": "None; basic business knowledge helps.",
                    "partners": [
                        {
                            "name": "Green Logistics Alliance (demo)",
                            "url": "https://green-logistics.example/",
                            "role": "Co-developed the course content",
                        },
                    ],
                    "translate": {
                        "lv": {
                            "texts": {
                                "name": "Sasniegumu apliecinājums: Ilgtspējīgas piegādes ķēdes",
                                "description": (
                                    "Sasniegumu apliecinājums sešu nedēļu MOOC kursam par piegādes ķēdēm, "
                                    "kas mēra un samazina emisijas, atkritumus un sociālos riskus."
                                ),
                            },
                        }
                    },
                },
                {
                    "name": "Confirmation of Participation: Sustainable Supply Chains",
                    "image": {
                        "initials": "CoP",
                        "kind": "svg",
                        "caption": "participation",
                    },
                    "achievement_type": "CertificateOfCompletion",
                    "is_participation": True,
                    "human_code": "ko-scm1-cop (demo)",
                    "description": "Confirms that the learner took part in the six-week MOOC on sustainable supply chains.",
                    "tags": ["MOOC", "participation"],
                    "criteria_narrative": "View at least 50 % of the course material.",
                    "assessment_types": ["attendance"],
                    "result_type": "",
                    "result_description": "",
                    "outcomes": [
                        (
                            "Followed an introduction to measuring and reducing supply-chain emissions.",
                            None,
                        ),
                    ],
                    "workload_hours": 12,
                    "duration_amount": 6,
                    "duration_unit": "W",
                    "isced_f_code": "041",
                    "qa_type": "none",
                    "qa_body": "",
                },
                {
                    "name": "Record of Achievement: Building Apps with Low-Code Tools",
                    "image": {
                        "initials": "LC",
                        "kind": "svg",
                        "caption": "4 weeks",
                    },
                    "human_code": "ko-lcap1 (demo)",
                    "description": (
                        "Record of achievement for the four-week MOOC on building business apps with "
                        "low-code tools: data models, forms, workflows and governance."
                    ),
                    "tags": ["MOOC", "record of achievement", "low-code"],
                    "criteria_narrative": (
                        "Earn at least 50 % of the maximum points in the three weekly assignments and "
                        "the final exam."
                    ),
                    "outcomes": [
                        (
                            "Model business data and build forms and workflows in a low-code tool.",
                            "88a5c718-de16-4c31-bb53-7f79bf085d6d",
                        ),
                        (
                            "Apply governance rules for citizen-developed apps.",
                            "3988220a-f357-4b94-b01b-fc4ad3f5695a",
                        ),
                    ],
                    "workload_hours": 16,
                    "duration_amount": 4,
                    "duration_unit": "W",
                    "isced_f_code": "0613",
                    "prerequisites": "None.",
                },
                {
                    "name": "Confirmation of Participation: Building Apps with Low-Code Tools",
                    "image": {"initials": "CoP", "caption": "participation"},
                    "achievement_type": "CertificateOfCompletion",
                    "is_participation": True,
                    "human_code": "ko-lcap1-cop (demo)",
                    "description": "Confirms that the learner took part in the four-week low-code MOOC.",
                    "tags": ["MOOC", "participation"],
                    "criteria_narrative": "View at least 50 % of the course material.",
                    "assessment_types": ["attendance"],
                    "result_type": "",
                    "result_description": "",
                    "outcomes": [
                        (
                            "Followed an introduction to low-code app development.",
                            None,
                        )
                    ],
                    "workload_hours": 8,
                    "duration_amount": 4,
                    "duration_unit": "W",
                    "isced_f_code": "0613",
                    "qa_type": "none",
                    "qa_body": "",
                },
            ],
        },
    ],
}
