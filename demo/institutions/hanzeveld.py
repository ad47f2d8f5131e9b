"""Demo institution 5. The Netherlands: a university issuing edubadges with ECTS: Hanzeveld University (``demo.data`` says what the keys mean)."""

INSTITUTION = {
    "name": "Hanzeveld University",
    "colour": "#d35400",
    "fields": {
        "description": (
            "A research university issuing edubadges for short courses and modules with ECTS "
            "credits at bachelor's (EQF 6) and master's (EQF 7) level, for its own students and "
            "for professionals. Fictional university (demo)."
        ),
        "url": "https://hanzeveld-university.example/",
        "country": "NL",
        "language": "en",
        "translations": {"nl": {"name": "Universiteit Hanzeveld"}},
    },
    "staff": [
        {
            "email": "anouk.devries@hanzeveld.example",
            "full_name": "Anouk de Vries",
            "role": "owner",
        },
        {
            "email": "daan.visser@hanzeveld.example",
            "full_name": "Daan Visser",
            "role": "admin",
        },
        {
            "email": "sanne.bakker@hanzeveld.example",
            "full_name": "Sanne Bakker",
            "role": "editor",
        },
        {
            "email": "thijs.mulder@hanzeveld.example",
            "full_name": "Thijs Mulder",
            "role": "awarder",
        },
    ],
    "defaults": {
        "achievement_type": "MicroCredential",
        "assessment_types": ["assignment", "exam"],
        "assessor": "internal",
        "identity_verification": "online_proctored",
        "credit_system": "ECTS",
        "nqf_framework": "Dutch Qualifications Framework (NLQF)",
        "participation_forms": ["online"],
        "languages_of_instruction": ["en"],
        "qa_type": "external",
        "qa_body": "NVAO (Accreditation Organisation of the Netherlands and Flanders)",
        "qa_body_url": "https://www.nvao.net/",
        "accreditation": "Part of an NVAO-accredited programme (demo)",
    },
    "issuers": [
        {
            "name": "Hanzeveld Faculty of Science and Engineering",
            "initials": "HF",
            "fields": {
                "description": "Graduate school courses open to PhD candidates and professionals (demo).",
                "url": "https://hanzeveld-university.example/fse",
                "email": "graduateschool@hanzeveld.example",
                "telephone": "+31 50 555 0100",
                "street_address": "Nijenborgh 99 (demo)",
                "locality": "Groningen",
                "region": "Groningen",
                "postal_code": "9747 AG",
                "country": "NL",
                "language": "en",
                "translations": {
                    "nl": {
                        "name": "Hanzeveld Faculteit Natuurwetenschappen en Techniek"
                    }
                },
            },
            "staff": [
                {
                    "email": "ruben.smit@hanzeveld.example",
                    "full_name": "Ruben Smit",
                    "role": "awarder",
                },
            ],
            "badge_classes": [
                {
                    "name": "Research Data Management: Foundations",
                    "image": {"initials": "RDM", "caption": "1 ECTS"},
                    "human_code": "WMRDM-01 (demo)",
                    "description": (
                        "Write a data management plan, organise and document research data, and "
                        "understand the FAIR principles and research ethics around data."
                    ),
                    "tags": ["edubadge", "research data", "FAIR", "PhD"],
                    "criteria_narrative": "Submit a data management plan for your own project, approved by a data steward.",
                    "assessment_types": ["assignment"],
                    "identity_verification": "none",
                    "outcomes": [
                        (
                            "Write a data management plan that meets funder requirements.",
                            "08b0b47c-542d-4f5e-94e4-d05939812372",
                        ),
                        (
                            "Organise, name and document research data so others can reuse it.",
                            "0c35619b-46a8-415a-979d-7de2647cffa3",
                        ),
                        (
                            "Explain the FAIR principles and apply them to a dataset.",
                            "826612c7-eb2e-422f-b47e-451844f980f7",
                        ),
                    ],
                    "workload_hours": 28,
                    "credits": 1,
                    "duration_amount": 4,
                    "duration_unit": "W",
                    "eqf_level": 7,
                    "nqf_level": "7",
                    "isced_f_code": "032",
                    "part_of_qualification": "Graduate School training programme for PhD candidates (demo)",
                    "prerequisites": "A master's degree or enrolment as a PhD candidate.",
                    "alignments": [
                        {
                            "name": "The FAIR Guiding Principles for scientific data management",
                            "url": "https://www.go-fair.org/fair-principles/",
                            "framework": "FAIR",
                        },
                    ],
                    "translate": {
                        "lv": {
                            "texts": {
                                "name": "Pētniecības datu pārvaldība: pamati",
                                "description": (
                                    "Datu pārvaldības plāna sagatavošana, pētniecības datu organizēšana un "
                                    "dokumentēšana, FAIR principi un datu ētika."
                                ),
                            },
                            "outcomes": [
                                "Sagatavot datu pārvaldības plānu atbilstoši finansētāja prasībām.",
                                "Organizēt, nosaukt un dokumentēt pētniecības datus tā, lai citi tos varētu izmantot.",
                                "Izskaidrot FAIR principus un piemērot tos datu kopai.",
                            ],
                        },
                        "nl": {"texts": {"name": "Research Data Management: basis"}},
                    },
                },
                {
                    "name": "Research Data Management: FAIR Data Stewardship",
                    "image": {
                        "initials": "FAIR",
                        "shape": "shield",
                        "caption": "2 ECTS",
                    },
                    "human_code": "WMRDM-02 (demo)",
                    "description": (
                        "The advanced course for data stewards: metadata standards, repositories, "
                        "persistent identifiers, licences and sensitive data."
                    ),
                    "tags": ["edubadge", "research data", "FAIR", "data steward"],
                    "criteria_narrative": (
                        "Publish a (test) dataset with rich metadata in a repository and pass the "
                        "proctored online exam (grade 5.5 or higher)."
                    ),
                    "result_type": "ScaledScore",
                    "result_description": "Dutch grade 1–10 (pass from 5.5)",
                    "outcomes": [
                        (
                            "Choose metadata standards and repositories for a discipline's data.",
                            "9e66f1fc-45f6-43bb-a0d1-143d84f18858",
                        ),
                        (
                            "Assign persistent identifiers and licences to datasets.",
                            "94ef5157-9ad6-4142-af34-4271cba98d52",
                        ),
                        (
                            "Advise researchers on storing and sharing sensitive data under the GDPR.",
                            "c42bd89d-bdd4-45c8-8e92-6b553095739c",
                        ),
                    ],
                    "workload_hours": 56,
                    "credits": 2,
                    "duration_amount": 8,
                    "duration_unit": "W",
                    "eqf_level": 7,
                    "nqf_level": "7",
                    "isced_f_code": "032",
                    "part_of_qualification": "Graduate School training programme for PhD candidates (demo)",
                    "prerequisites": "The Research Data Management: Foundations edubadge.",
                    "prerequisite_badges": ["Research Data Management: Foundations"],
                    "alignments": [
                        {
                            "name": "The FAIR Guiding Principles for scientific data management",
                            "url": "https://www.go-fair.org/fair-principles/",
                            "framework": "FAIR",
                        },
                    ],
                },
            ],
        },
        {
            "name": "Hanzeveld Academy for Lifelong Learning",
            "initials": "HA",
            "fields": {
                "description": (
                    "Part-time modules for professionals, each worth ECTS credits that can count "
                    "towards a degree programme later (demo)."
                ),
                "url": "https://hanzeveld-university.example/academy",
                "email": "academy@hanzeveld.example",
                "telephone": "+31 50 555 0200",
                "street_address": "Oude Boteringestraat 99 (demo)",
                "locality": "Groningen",
                "region": "Groningen",
                "postal_code": "9712 GH",
                "country": "NL",
                "language": "en",
            },
            "staff": [
                {
                    "email": "femke.jansen@hanzeveld.example",
                    "full_name": "Femke Jansen",
                    "role": "editor",
                },
            ],
            "badge_classes": [
                {
                    "name": "Python for Data Analysis",
                    "image": {"initials": "PY", "caption": "3 ECTS"},
                    "human_code": "LLL-PYDA (demo)",
                    "description": (
                        "An eight-week online module: Python, pandas and notebooks for cleaning, "
                        "analysing and visualising data, with a final project on open data."
                    ),
                    "tags": ["edubadge", "Python", "data analysis"],
                    "criteria_narrative": (
                        "Pass the weekly programming assignments and a final project assessed with a "
                        "rubric, plus a proctored online exam."
                    ),
                    "result_type": "ScaledScore",
                    "result_description": "Dutch grade 1–10 (pass from 5.5)",
                    "outcomes": [
                        (
                            "Write Python programs that read, clean and combine tabular data with pandas.",
                            "a4a7099e-a925-48ea-8f90-e41473b43041",
                        ),
                        (
                            "Analyse data with descriptive statistics and present results in charts.",
                            "5fe52247-c9dc-4a37-bff4-391a11b26c30",
                        ),
                        (
                            "Document an analysis reproducibly in a notebook.",
                            "5a6f0919-a402-4716-b2c2-215df4546630",
                        ),
                    ],
                    "workload_hours": 84,
                    "credits": 3,
                    "duration_amount": 8,
                    "duration_unit": "W",
                    "eqf_level": 6,
                    "nqf_level": "6",
                    "isced_f_code": "0613",
                    "part_of_qualification": "Minor Data Science (demo)",
                    "prerequisites": "Secondary-school mathematics; no programming experience needed.",
                    "stack_targets": [
                        {
                            "name": "Minor Data Science, Hanzeveld University (demo)",
                            "url": "https://hanzeveld-university.example/minor-data-science",
                            "credits": 3,
                        },
                    ],
                    "partners": [
                        {
                            "name": "Noorderdata Lab B.V. (demo)",
                            "url": "https://noorderdata-lab.example/",
                            "role": "Provides the open-data case studies for the final project",
                        },
                    ],
                },
            ],
        },
    ],
}
