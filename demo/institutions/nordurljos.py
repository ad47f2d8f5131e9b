"""Demo institution 2. Iceland: electrotechnics micro-skills: Norðurljós Electrotechnics Centre (``demo.data`` says what the keys mean)."""

INSTITUTION = {
    "name": "Norðurljós Electrotechnics Centre",
    "colour": "#1f7a8c",
    "fields": {
        "description": (
            "Continuing-education centre for the electrical and electronics trades, offering short "
            "micro-skills courses in electrical safety, health and safety, and new installation "
            "technologies, in the style of RAFMENNT. Fictional institution (demo)."
        ),
        "url": "https://nordurljos-rafmennt.example/",
        "country": "IS",
        "language": "en",
        "translations": {
            "is": {
                "name": "Rafmenntasetrið Norðurljós",
                "description": "Símenntun fyrir rafiðnaðinn: stutt námskeið í rafmagnsöryggi og vinnuvernd (demo).",
            }
        },
    },
    "staff": [
        {
            "email": "gudrun.sigurdardottir@nordurljos.example",
            "full_name": "Guðrún Sigurðardóttir",
            "role": "owner",
        },
        {
            "email": "jon.einarsson@nordurljos.example",
            "full_name": "Jón Einarsson",
            "role": "admin",
        },
        {
            "email": "helga.magnusdottir@nordurljos.example",
            "full_name": "Helga Magnúsdóttir",
            "role": "editor",
        },
        {
            "email": "olafur.stefansson@nordurljos.example",
            "full_name": "Ólafur Stefánsson",
            "role": "awarder",
        },
    ],
    "defaults": {
        "achievement_type": "MicroCredential",
        "assessment_types": ["exam", "practical"],
        "assessor": "internal",
        "identity_verification": "onsite_id",
        "nqf_framework": "Icelandic Qualifications Framework (ISQF)",
        "participation_forms": ["blended"],
        "languages_of_instruction": ["is", "en"],
        "qa_type": "internal",
        "qa_body": "Norðurljós quality council (demo)",
        "accreditation": "Recognised continuing-education provider for the electrical trades (demo)",
        "part_of_qualification": "Continuing professional development for licensed electricians (demo)",
    },
    "issuers": [
        {
            "name": "Norðurljós — Electrical Safety Micro-skills",
            "initials": "NL",
            "fields": {
                "description": (
                    "Short courses, mostly one or two days, that keep electricians' safety "
                    "knowledge current. Partly online, with practical sessions in Reykjavík (demo)."
                ),
                "url": "https://nordurljos-rafmennt.example/micro-skills",
                "email": "namskeid@nordurljos.example",
                "telephone": "+354 500 0001",
                "street_address": "Stórhöfði 99 (demo)",
                "locality": "Reykjavík",
                "region": "Capital Region",
                "postal_code": "110",
                "country": "IS",
                "language": "en",
                "translations": {
                    "is": {"name": "Norðurljós — Örnámskeið í rafmagnsöryggi"}
                },
            },
            "badge_classes": [
                {
                    "name": "Electrical safety: work on and near low-voltage installations",
                    "image": {"initials": "ES", "caption": "16 h"},
                    "human_code": "RAF-ÖR-101 (demo)",
                    "description": (
                        "A two-day micro-skill on safe working practices for live, dead and near-live "
                        "work on low-voltage installations, including risk assessment and the five "
                        "safety rules."
                    ),
                    "tags": ["electrical safety", "low voltage", "micro-skill"],
                    "criteria_narrative": (
                        "Attend both days, pass the online test (at least 80 %) and demonstrate safe "
                        "isolation on the training rig."
                    ),
                    "outcomes": [
                        (
                            "Apply the five safety rules before working on an electrical installation.",
                            "dec36593-a590-46f9-bbaa-98b52aea9d31",
                        ),
                        (
                            "Assess electrical risks and choose between dead, live and near-live working.",
                            "aa6efd64-1eba-4b7c-b094-8248c3a31320",
                        ),
                        (
                            "Select and check personal protective equipment against arc flash.",
                            "73355503-52a2-4846-b78d-931d61608659",
                        ),
                    ],
                    "result_type": "Percent",
                    "result_description": "Online test score in percent (pass mark 80 %)",
                    "workload_hours": 16,
                    "duration_amount": 2,
                    "duration_unit": "D",
                    "eqf_level": 4,
                    "nqf_level": "3",
                    "isced_f_code": "0713",
                    "prerequisites": "Journeyman or apprentice electrician.",
                    "alignments": [
                        {
                            "name": "EN 50110-1 Operation of electrical installations",
                            "url": "https://www.cenelec.eu/",
                            "framework": "CENELEC",
                            "code": "EN 50110-1",
                        },
                    ],
                    "translate": {
                        "is": {
                            "texts": {
                                "name": "Rafmagnsöryggi: vinna við og nálægt lágspennuvirkjum",
                                "description": "Tveggja daga örnámskeið um örugg vinnubrögð við lágspennuvirki.",
                            },
                            "outcomes": [
                                "Beita fimm öryggisreglunum áður en unnið er við raforkuvirki.",
                                "Meta rafmagnshættu og velja á milli vinnu í spennulausu og spennuhafa virki.",
                                "Velja og yfirfara hlífðarbúnað gegn ljósboga.",
                            ],
                        }
                    },
                },
                {
                    "name": "Safe isolation and lockout/tagout",
                    "image": {"initials": "LOTO", "caption": "8 h"},
                    "human_code": "RAF-ÖR-102 (demo)",
                    "description": (
                        "A one-day practical micro-skill: isolate, lock, tag and prove dead on "
                        "industrial installations, and hand over equipment safely."
                    ),
                    "tags": ["electrical safety", "lockout/tagout", "micro-skill"],
                    "criteria_narrative": "Carry out a complete safe-isolation procedure, observed by an instructor.",
                    "assessment_types": ["practical"],
                    "outcomes": [
                        (
                            "Isolate, lock off and tag electrical equipment following a written procedure.",
                            "13c726fa-1876-4581-a99f-66ab37beedaa",
                        ),
                        (
                            "Prove an installation dead with an approved voltage indicator.",
                            "d714577b-9a81-4b5b-bfdc-b419993d810e",
                        ),
                    ],
                    "workload_hours": 8,
                    "duration_amount": 1,
                    "duration_unit": "D",
                    "eqf_level": 4,
                    "nqf_level": "3",
                    "isced_f_code": "0713",
                    "participation_forms": ["onsite"],
                    "prerequisite_badges": [
                        "Electrical safety: work on and near low-voltage installations"
                    ],
                },
                {
                    "name": "Health and safety at work in the electrical trades",
                    "image": {"initials": "H&S", "caption": "12 h"},
                    "human_code": "RAF-VV-110 (demo)",
                    "description": (
                        "An online micro-skill on occupational health and safety for electricians: "
                        "working at height, confined spaces, manual handling and reporting incidents."
                    ),
                    "tags": ["health and safety", "micro-skill"],
                    "criteria_narrative": "Complete the four online units and pass the final quiz (at least 75 %).",
                    "assessment_types": ["exam"],
                    "identity_verification": "none",
                    "outcomes": [
                        (
                            "Identify hazards on construction and industrial sites and report them.",
                            "35956823-ea50-41c9-9f4f-7d1eb9462be3",
                        ),
                        (
                            "Use safe methods for work at height and in confined spaces.",
                            "1b161a5e-8d65-4326-9636-3e8aa5c9aa8e",
                        ),
                    ],
                    "workload_hours": 12,
                    "duration_amount": 2,
                    "duration_unit": "W",
                    "eqf_level": 3,
                    "nqf_level": "2",
                    "isced_f_code": "1022",
                    "participation_forms": ["online"],
                    "prerequisites": "None.",
                },
                {
                    "name": "First aid and CPR",
                    "image": {
                        "initials": "CPR",
                        "shape": "shield",
                        "caption": "valid 24 months",
                    },
                    "human_code": "RAF-SH-120 (demo)",
                    "description": (
                        "Basic life support, use of an AED and first aid for electrical injuries and "
                        "burns. The badge expires after 24 months; refresh it to renew."
                    ),
                    "tags": ["first aid", "CPR", "AED", "expiring"],
                    "criteria_narrative": (
                        "Demonstrate CPR with an AED on a manikin to the instructor's satisfaction and "
                        "answer a short oral quiz."
                    ),
                    "assessment_types": ["practical"],
                    "outcomes": [
                        (
                            "Perform cardiopulmonary resuscitation and use an AED on an adult.",
                            "d0c256c5-bcb4-435d-820f-e5aa1898c7ff",
                        ),
                        (
                            "Give first aid for electric shock, burns and bleeding.",
                            "38ec1ef3-f795-4974-8ffa-6fb2bb72b3f6",
                        ),
                    ],
                    "workload_hours": 8,
                    "duration_amount": 1,
                    "duration_unit": "D",
                    "eqf_level": 2,
                    "isced_f_code": "091",
                    "participation_forms": ["onsite"],
                    "part_of_qualification": "",
                    "validity_months": 24,
                    "alignments": [
                        {
                            "name": "European Resuscitation Council Guidelines — Basic Life Support",
                            "url": "https://www.erc.edu/",
                            "framework": "ERC Guidelines",
                        },
                    ],
                    "partners": [
                        {
                            "name": "Reykjavík First Aid Volunteers (demo)",
                            "role": "Instructors",
                        },
                    ],
                    "translate": {
                        "lv": {
                            "texts": {
                                "name": "Pirmā palīdzība un sirds un plaušu reanimācija",
                                "description": (
                                    "Pamata dzīvības uzturēšana, AED lietošana un pirmā palīdzība "
                                    "elektrotraumu un apdegumu gadījumos. Derīga 24 mēnešus."
                                ),
                            },
                            "outcomes": [
                                "Veikt sirds un plaušu reanimāciju un lietot AED pieaugušajam.",
                                "Sniegt pirmo palīdzību elektrotraumu, apdegumu un asiņošanas gadījumos.",
                            ],
                        },
                        "is": {
                            "texts": {"name": "Skyndihjálp og endurlífgun"},
                        },
                    },
                },
                {
                    "name": "Installing EV charging points",
                    "status": "draft",
                    "image": {"initials": "EV", "caption": "draft"},
                    "description": (
                        "Planned micro-skill on the design, installation and commissioning of AC "
                        "charging points for electric vehicles. Still being written (demo draft)."
                    ),
                    "tags": ["EV charging", "micro-skill"],
                    "assessment_types": [],
                    "workload_hours": 16,
                    "isced_f_code": "0713",
                },
            ],
        },
    ],
}
