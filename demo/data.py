"""The demo's content, as plain data: institutions, issuers, staff, badge classes and learners.

Seed facts come from real European programmes (Danish AMU adult vocational
training, Icelandic electrotechnics micro-skills in the style of RAFMENNT, an
Irish further-education Microsoft 365 award, openSAP-style MOOC records of
achievement, Dutch edubadges with ECTS, Latvian 160-hour professional
development programmes). The institutions, people, addresses, course codes,
accreditation decisions and ESCO links are invented: descriptions say "(demo)"
and framework links are labelled ``ESCO (demo link)``.

Badge-class entries hold the fields of ``badges.actions.create_badge_class``
plus a few keys the loader reads itself:

* ``outcomes``: ``(text, esco_skill_uuid_or_None)`` pairs, in order;
* ``image``: how to draw the picture (``initials``, ``kind`` png/svg, ``shape``, ``caption``);
* ``stack_targets``: like the action's, with ``target`` naming a badge class of the same institution;
* ``prerequisite_badges``: names of badge classes of the same institution, created earlier;
* ``translate``: ``{language: {"texts": {...}, "outcomes": [...]}}`` for ``set_badge_class_translation``;
* ``status``: ``published`` (default), ``draft`` or ``archived``.

Each institution's ``defaults`` are merged into its badge classes (the class wins).
"""

from __future__ import annotations

# Every demo account signs in with this password (documented in README and printed by load_demo).
DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 (a published demo password, not a secret)

ESCO_SKILL = "http://data.europa.eu/esco/skill/"
ESCO_FRAMEWORK = "ESCO (demo link)"

LEARNERS = [
    {
        "email": "liga.vitola@learner.example",
        "full_name": "Līga Vītola",
        "language": "lv",
    },
    {
        "email": "sean.obriain@learner.example",
        "full_name": "Seán Ó Briain",
        "language": "en",
    },
    {
        "email": "emma.nielsen@learner.example",
        "full_name": "Emma Nielsen",
        "language": "en",
    },
    {
        "email": "amir.haddad@learner.example",
        "full_name": "Amir Haddad",
        "language": "en",
    },
]

INSTITUTIONS = [
    # --- 1. Denmark: adult vocational training (AMU) --------------------------------------------
    {
        "name": "Skovhavn AMU Centre",
        "colour": "#b03a2e",
        "fields": {
            "description": (
                "Adult vocational training centre offering AMU courses (arbejdsmarkedsuddannelser): "
                "short, job-focused modules of one to six weeks for skilled and unskilled workers, "
                "in welding, CNC machining and workplace safety. Fictional institution (demo) modelled "
                "on Danish AMU providers; course numbers, addresses and partners are demo values."
            ),
            "url": "https://skovhavn-amu.example/",
            "country": "DK",
            "language": "en",
            "translations": {
                "da": {
                    "name": "Skovhavn AMU-center",
                    "description": (
                        "Voksenerhvervsuddannelsescenter med AMU-kurser på en til seks uger i svejsning, "
                        "CNC-bearbejdning og arbejdsmiljø. Fiktiv institution (demo)."
                    ),
                }
            },
        },
        "staff": [
            {
                "email": "mette.kjaer@skovhavn-amu.example",
                "full_name": "Mette Kjær",
                "role": "owner",
            },
            {
                "email": "lars.holm@skovhavn-amu.example",
                "full_name": "Lars Holm",
                "role": "admin",
            },
            {
                "email": "sofie.bech@skovhavn-amu.example",
                "full_name": "Sofie Bech",
                "role": "editor",
            },
            {
                "email": "jonas.dahl@skovhavn-amu.example",
                "full_name": "Jonas Dahl",
                "role": "awarder",
            },
        ],
        "defaults": {
            "achievement_type": "MicroCredential",
            "assessment_types": ["practical", "exam"],
            "assessor": "internal",
            "identity_verification": "onsite_id",
            "nqf_framework": "Danish Qualifications Framework (DK NQF)",
            "participation_forms": ["onsite"],
            "languages_of_instruction": ["da", "en"],
            "qa_type": "external",
            "qa_body": "Danish Ministry of Children and Education (AMU system)",
            "qa_body_url": "https://www.uvm.dk/",
            "accreditation": "Approved AMU provider (demo)",
            "criteria_url": "https://skovhavn-amu.example/courses/criteria",
        },
        "issuers": [
            {
                "name": "Skovhavn AMU — Metal, Welding and CNC",
                "initials": "SA",
                "fields": {
                    "description": (
                        "The metalworking department: welding hall with 24 booths and a CNC workshop. "
                        "Courses are free or subsidised for employees under the AMU scheme (demo)."
                    ),
                    "url": "https://skovhavn-amu.example/metal",
                    "email": "metal@skovhavn-amu.example",
                    "telephone": "+45 70 00 00 01",
                    "street_address": "Værkstedsvej 12 (demo)",
                    "locality": "Esbjerg",
                    "region": "Region of Southern Denmark",
                    "postal_code": "6700",
                    "country": "DK",
                    "language": "en",
                    "translations": {
                        "da": {"name": "Skovhavn AMU — Metal, svejsning og CNC"}
                    },
                },
                "staff": [
                    {
                        "email": "freja.lund@skovhavn-amu.example",
                        "full_name": "Freja Lund",
                        "role": "awarder",
                    },
                ],
                "badge_classes": [
                    {
                        "name": "MIG/MAG welding: fillet welds on plate",
                        "image": {"initials": "MAG", "caption": "AMU · 2 weeks"},
                        "human_code": "AMU 40281 (demo)",
                        "description": (
                            "A two-week AMU module in semi-automatic MIG/MAG welding of fillet welds on "
                            "unalloyed steel plate in the PA, PB and PF positions, to the quality level "
                            "expected for a welder qualification test."
                        ),
                        "tags": ["welding", "MIG/MAG", "AMU", "metal"],
                        "criteria_narrative": (
                            "Complete the two-week module and pass:\n\n"
                            "* a **practical test**: three fillet-welded test pieces (PA, PB, PF), "
                            "visually inspected and fracture-tested;\n"
                            "* a short **written test** on welding parameters, safety and symbols."
                        ),
                        "outcomes": [
                            (
                                "Set up a MIG/MAG power source, wire feed and shielding gas for a given "
                                "plate thickness and position.",
                                "d637887e-d7e4-46d3-aa2c-0aa0fa8a36f6",
                            ),
                            (
                                "Weld single- and multi-run fillet welds on steel plate in the PA, PB and PF "
                                "positions free of visible defects.",
                                "5e2fe145-f0de-4e12-ab4d-ecfd47fb4324",
                            ),
                            (
                                "Inspect welds visually and explain common defects and their causes.",
                                "c50147d5-8fe9-42fc-9d90-348a17d0a2e5",
                            ),
                            (
                                "Work safely with welding fumes, arc radiation and compressed gases.",
                                None,
                            ),
                        ],
                        "workload_hours": 74,
                        "duration_amount": 2,
                        "duration_unit": "W",
                        "eqf_level": 3,
                        "nqf_level": "3",
                        "isced_f_code": "0715",
                        "part_of_qualification": "Vocational education for smiths (smed), welding specialism (demo)",
                        "prerequisites": "No formal prerequisites. Safety boots and basic workshop experience.",
                        "alignments": [
                            {
                                "name": "EN ISO 9606-1 welder qualification test — steels",
                                "url": "https://www.iso.org/standard/54936.html",
                                "framework": "ISO",
                                "code": "ISO 9606-1",
                                "description": "The module prepares for, but does not include, the qualification test.",
                            },
                        ],
                        "partners": [
                            {
                                "name": "Vestkyst Skibsværft A/S (demo)",
                                "url": "https://vestkyst-vaerft.example/",
                                "role": "Supplies test material and work placements",
                            },
                        ],
                        "translate": {
                            "da": {
                                "texts": {
                                    "name": "MIG/MAG-svejsning: kantsømme på plade",
                                    "description": (
                                        "Et AMU-kursus på to uger i MIG/MAG-svejsning af kantsømme på "
                                        "ulegeret stålplade i stillingerne PA, PB og PF."
                                    ),
                                },
                                "outcomes": [
                                    "Indstille strømkilde, trådfremføring og beskyttelsesgas til en given "
                                    "pladetykkelse og stilling.",
                                    "Svejse kantsømme i en og flere strenge i stillingerne PA, PB og PF "
                                    "uden synlige fejl.",
                                    "Kontrollere svejsninger visuelt og forklare almindelige fejl og årsager.",
                                    "Arbejde sikkert med svejserøg, lysbuestråling og trykgasser.",
                                ],
                            }
                        },
                    },
                    {
                        "name": "MIG/MAG welding: butt welds on plate and pipe",
                        "image": {
                            "initials": "MAG",
                            "shape": "shield",
                            "caption": "AMU · 3 weeks",
                        },
                        "human_code": "AMU 40282 (demo)",
                        "description": (
                            "A three-week AMU module building on fillet welding: single-sided butt welds "
                            "with full penetration on plate and pipe, including root runs on ceramic backing."
                        ),
                        "tags": ["welding", "MIG/MAG", "AMU", "pipe"],
                        "criteria_narrative": (
                            "Pass a practical test of two butt-welded plates (PF, PC) and one pipe joint "
                            "(PH), assessed visually and by bend test, and a written test."
                        ),
                        "outcomes": [
                            (
                                "Prepare joint edges, tack and align plates and pipes for butt welding.",
                                "40378349-d28a-41f6-8dbf-aa1875d1a162",
                            ),
                            (
                                "Weld full-penetration butt welds on plate in PF and PC and on pipe in PH.",
                                "92857e79-2632-444f-8ce4-26a20d3431e3",
                            ),
                            (
                                "Read welding procedure specifications (WPS) and follow them.",
                                "9bb4a9bd-b314-4976-a2b0-ee70054f59ed",
                            ),
                        ],
                        "workload_hours": 111,
                        "duration_amount": 3,
                        "duration_unit": "W",
                        "eqf_level": 3,
                        "nqf_level": "3",
                        "isced_f_code": "0715",
                        "part_of_qualification": "Vocational education for smiths (smed), welding specialism (demo)",
                        "prerequisites": "The fillet-weld module or equivalent experience (assessed on the first day).",
                        "prerequisite_badges": [
                            "MIG/MAG welding: fillet welds on plate"
                        ],
                        "alignments": [
                            {
                                "name": "EN ISO 9606-1 welder qualification test — steels",
                                "url": "https://www.iso.org/standard/54936.html",
                                "framework": "ISO",
                                "code": "ISO 9606-1",
                            },
                        ],
                    },
                    {
                        "name": "CNC turning: programming and set-up",
                        "image": {"initials": "CNC", "caption": "AMU · 2 weeks"},
                        "human_code": "AMU 44735 (demo)",
                        "description": (
                            "A two-week AMU module for machine operators: write and edit ISO G-code programs "
                            "for a two-axis CNC lathe, set up tools and work offsets, and run first-off parts."
                        ),
                        "tags": ["CNC", "turning", "machining", "AMU"],
                        "criteria_narrative": (
                            "Program, set up and turn a test part to drawing within the stated tolerances, "
                            "and document the set-up sheet."
                        ),
                        "outcomes": [
                            (
                                "Write and edit G-code programs with canned cycles for a two-axis CNC lathe.",
                                "27c60ad5-103b-4018-98a6-eeffe7850fa1",
                            ),
                            (
                                "Set tool and work offsets and verify a program by simulation and dry run.",
                                "5291bdf7-1b93-47fd-aff0-b8e5b5905678",
                            ),
                            (
                                "Turn a part to drawing and measure it with micrometers and gauges.",
                                "65268ace-4072-4abd-8e3e-10758c541363",
                            ),
                        ],
                        "workload_hours": 74,
                        "duration_amount": 2,
                        "duration_unit": "W",
                        "eqf_level": 3,
                        "nqf_level": "3",
                        "isced_f_code": "0715",
                        "part_of_qualification": "Vocational education for industrial technicians (demo)",
                        "prerequisites": "Basic technical drawing and measuring skills.",
                        "partners": [
                            {
                                "name": "Jyllands Præcisionsdrejning ApS (demo)",
                                "url": "https://jp-drejning.example/",
                                "role": "Industry advisor on course content",
                            },
                        ],
                    },
                    {
                        "name": "Oxy-acetylene gas welding",
                        "status": "archived",
                        "image": {"initials": "GAS", "caption": "retired"},
                        "human_code": "AMU 40110 (demo)",
                        "description": (
                            "A one-week AMU module in gas welding of thin steel sheet. Retired in 2025 and "
                            "replaced by the MIG/MAG modules; badges already awarded remain valid (demo)."
                        ),
                        "tags": ["welding", "gas welding", "AMU"],
                        "criteria_narrative": "Weld three butt joints in 1–3 mm sheet to the workshop standard.",
                        "outcomes": [
                            (
                                "Set up and shut down oxy-acetylene equipment safely.",
                                "85494d10-7942-4000-8e88-cb5202559fb6",
                            ),
                            ("Gas-weld butt joints in thin steel sheet.", None),
                        ],
                        "workload_hours": 37,
                        "duration_amount": 1,
                        "duration_unit": "W",
                        "eqf_level": 2,
                        "nqf_level": "2",
                        "isced_f_code": "0715",
                    },
                ],
            },
        ],
    },
    # --- 2. Iceland: electrotechnics micro-skills ------------------------------------------------
    {
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
    },
    # --- 3. Ireland: further education, stacking Microsoft 365 badges ----------------------------
    {
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
    },
    # --- 4. An openSAP-style MOOC provider --------------------------------------------------------
    {
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
    },
    # --- 5. The Netherlands: a university issuing edubadges with ECTS -----------------------------
    {
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
                            "nl": {
                                "texts": {"name": "Research Data Management: basis"}
                            },
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
                        "prerequisite_badges": [
                            "Research Data Management: Foundations"
                        ],
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
    },
    # --- 6. Latvia: a VET school, Latvian first ----------------------------------------------------
    {
        "name": "Daugavkrasta tehnikums",
        "colour": "#8e1b3a",
        "fields": {
            "description": (
                "Profesionālās izglītības iestāde, kas pieaugušajiem piedāvā 160 stundu profesionālās "
                "pilnveides programmas un īsus kursus ēdināšanā, darba aizsardzībā un pārtikas "
                "higiēnā. Izdomāta iestāde (demo)."
            ),
            "url": "https://daugavkrasta-tehnikums.example/",
            "country": "LV",
            "language": "lv",
            "translations": {
                "en": {
                    "name": "Daugavkrasta Technical School",
                    "description": (
                        "A vocational school offering adults 160-hour professional development programmes "
                        "and short courses in catering, occupational safety and food hygiene. "
                        "Fictional institution (demo)."
                    ),
                }
            },
        },
        "staff": [
            {
                "email": "ilze.kalnina@daugavkrasta.example",
                "full_name": "Ilze Kalniņa",
                "role": "owner",
            },
            {
                "email": "andris.ozolins@daugavkrasta.example",
                "full_name": "Andris Ozoliņš",
                "role": "admin",
            },
            {
                "email": "laura.berzina@daugavkrasta.example",
                "full_name": "Laura Bērziņa",
                "role": "editor",
            },
            {
                "email": "edgars.liepins@daugavkrasta.example",
                "full_name": "Edgars Liepiņš",
                "role": "awarder",
            },
        ],
        "defaults": {
            "language": "lv",
            "achievement_type": "MicroCredential",
            "assessment_types": ["exam", "practical"],
            "assessor": "internal",
            "identity_verification": "onsite_id",
            "nqf_framework": "Latvijas kvalifikāciju ietvarstruktūra (LKI)",
            "participation_forms": ["onsite"],
            "languages_of_instruction": ["lv"],
            "qa_type": "external",
            "qa_body": "Izglītības kvalitātes valsts dienests",
            "qa_body_url": "https://www.ikvd.gov.lv/",
            "accreditation": "Licencēta profesionālās pilnveides programma (demo)",
        },
        "issuers": [
            {
                "name": "Daugavkrasta tehnikums — Pieaugušo izglītības centrs",
                "initials": "DT",
                "fields": {
                    "description": (
                        "Pieaugušo izglītības centrs: vakara un nedēļas nogales kursi strādājošajiem un "
                        "bezdarbniekiem (demo)."
                    ),
                    "url": "https://daugavkrasta-tehnikums.example/pieaugusajiem",
                    "email": "kursi@daugavkrasta.example",
                    "telephone": "+371 6700 0001",
                    "street_address": "Krasta iela 99 (demo)",
                    "locality": "Rīga",
                    "region": "Rīga",
                    "postal_code": "LV-1019",
                    "country": "LV",
                    "language": "lv",
                    "translations": {
                        "en": {
                            "name": "Daugavkrasta Technical School — Adult Education Centre",
                            "description": "Evening and weekend courses for employees and job seekers (demo).",
                        }
                    },
                },
                "staff": [
                    {
                        "email": "zane.krumina@daugavkrasta.example",
                        "full_name": "Zane Krūmiņa",
                        "role": "awarder",
                    },
                ],
                "badge_classes": [
                    {
                        "name": "Ēdināšanas pakalpojumu pamati (160 stundas)",
                        "image": {
                            "initials": "ĒP",
                            "shape": "shield",
                            "caption": "160 h",
                        },
                        "human_code": "PP-ED-160 (demo)",
                        "description": (
                            "160 stundu profesionālās pilnveides programma pieaugušajiem: ēdienu "
                            "gatavošanas pamati, darba organizācija virtuvē, pārtikas higiēna un klientu "
                            "apkalpošana, ar praksi uzņēmumā."
                        ),
                        "tags": ["ēdināšana", "profesionālā pilnveide", "160 stundas"],
                        "criteria_narrative": (
                            "Apmeklēt vismaz 80 % nodarbību, sekmīgi nokārtot praktisko darbu virtuvē un "
                            "noslēguma pārbaudījumu, kā arī iesniegt prakses dienasgrāmatu."
                        ),
                        "assessment_types": ["exam", "practical", "portfolio"],
                        "participation_forms": ["blended", "work_based"],
                        "result_type": "ScaledScore",
                        "result_description": "Vērtējums 10 ballu skalā (sekmīgi no 4)",
                        "outcomes": [
                            (
                                "Sagatavot vienkāršus aukstos un siltos ēdienus pēc tehnoloģiskās kartes.",
                                "86c2ff60-a1bd-4034-ac48-8b9d88181a07",
                            ),
                            (
                                "Organizēt savu darba vietu virtuvē, ievērojot higiēnas un darba drošības prasības.",
                                "f4ecd63a-53b6-484a-a8ae-8602340a97eb",
                            ),
                            (
                                "Apkalpot klientus un pieņemt pasūtījumus latviešu un angļu valodā.",
                                None,
                            ),
                        ],
                        "workload_hours": 160,
                        "duration_amount": 2,
                        "duration_unit": "M",
                        "eqf_level": 3,
                        "nqf_level": "3",
                        "isced_f_code": "1013",
                        "part_of_qualification": "Profesionālā kvalifikācija “Pavāra palīgs” (demo)",
                        "prerequisites": "Pamatizglītība. Veselības grāmatiņa pirms prakses.",
                        "partners": [
                            {
                                "name": "SIA “Upes krasta restorāns” (demo)",
                                "url": "https://upes-restorans.example/",
                                "role": "Prakses vieta",
                            },
                        ],
                        "alignments": [
                            {
                                "name": "Latvijas kvalifikāciju ietvarstruktūra — 3. līmenis",
                                "url": "https://www.nki-latvija.lv/",
                                "framework": "LKI",
                                "code": "3",
                            },
                        ],
                        "translate": {
                            "en": {
                                "texts": {
                                    "name": "Basics of Catering Services (160 hours)",
                                    "description": (
                                        "A 160-hour professional development programme for adults: basic "
                                        "cooking, organising work in a kitchen, food hygiene and customer "
                                        "service, with a work placement."
                                    ),
                                    "criteria_narrative": (
                                        "Attend at least 80 % of classes, pass the practical kitchen task "
                                        "and the final examination, and hand in a placement diary."
                                    ),
                                    "prerequisites": "Basic education. A health record book before the placement.",
                                    "part_of_qualification": "Vocational qualification “Cook's assistant” (demo)",
                                    "result_description": "Grade on a 10-point scale (pass from 4)",
                                },
                                "outcomes": [
                                    "Prepare simple cold and hot dishes from a recipe card.",
                                    "Organise one's workplace in a kitchen following hygiene and safety rules.",
                                    "Serve customers and take orders in Latvian and English.",
                                ],
                            }
                        },
                    },
                    {
                        "name": "Pārtikas higiēnas pase",
                        "image": {"initials": "PH", "caption": "36 mēneši"},
                        "human_code": "KURSS-HIG-8 (demo)",
                        "description": (
                            "Astoņu stundu kurss pārtikas uzņēmumu darbiniekiem: pārtikas higiēnas "
                            "prasības, paškontroles sistēma (HACCP) un personīgā higiēna. Derīga 36 mēnešus."
                        ),
                        "tags": ["pārtikas higiēna", "HACCP", "derīguma termiņš"],
                        "criteria_narrative": "Piedalīties kursā un sekmīgi nokārtot testu (vismaz 70 %).",
                        "assessment_types": ["exam"],
                        "outcomes": [
                            (
                                "Ievērot personīgās higiēnas un pārtikas drošuma prasības darbā ar pārtiku.",
                                "b5ce005c-7db1-4f41-a674-218eaecf902c",
                            ),
                            (
                                "Izskaidrot paškontroles sistēmas (HACCP) kritiskos kontroles punktus.",
                                None,
                            ),
                        ],
                        "workload_hours": 8,
                        "duration_amount": 1,
                        "duration_unit": "D",
                        "eqf_level": 2,
                        "nqf_level": "2",
                        "isced_f_code": "102",
                        "part_of_qualification": "",
                        "validity_months": 36,
                        "prerequisites": "Nav.",
                        "alignments": [
                            {
                                "name": "Regula (EK) Nr. 852/2004 par pārtikas produktu higiēnu",
                                "url": "https://eur-lex.europa.eu/eli/reg/2004/852/oj",
                                "framework": "ES tiesību akti",
                                "code": "852/2004",
                            },
                        ],
                        "translate": {
                            "en": {
                                "texts": {
                                    "name": "Food Hygiene Passport",
                                    "description": (
                                        "An eight-hour course for food business staff: food hygiene "
                                        "requirements, HACCP-based self-control and personal hygiene. "
                                        "Valid for 36 months."
                                    ),
                                    "criteria_narrative": "Take part in the course and pass the test (at least 70 %).",
                                    "prerequisites": "None.",
                                },
                                "outcomes": [
                                    "Follow personal hygiene and food safety rules when handling food.",
                                    "Explain the critical control points of an HACCP-based self-control system.",
                                ],
                            }
                        },
                    },
                    {
                        "name": "Darba aizsardzības pamati",
                        "image": {"initials": "DA", "caption": "16 h"},
                        "human_code": "KURSS-DA-16 (demo)",
                        "description": (
                            "Divu dienu kurss par darba aizsardzības pamatprasībām, darba vides riska "
                            "novērtēšanu un rīcību nelaimes gadījumā."
                        ),
                        "tags": ["darba aizsardzība"],
                        "criteria_narrative": "Apmeklēt abas dienas un sekmīgi nokārtot testu.",
                        "assessment_types": ["exam"],
                        "outcomes": [
                            (
                                "Novērtēt darba vides riskus savā darba vietā.",
                                "949fae09-5eb6-4ff9-bfce-859035195934",
                            ),
                            ("Rīkoties nelaimes gadījumā darbā un ziņot par to.", None),
                        ],
                        "workload_hours": 16,
                        "duration_amount": 2,
                        "duration_unit": "D",
                        "eqf_level": 2,
                        "nqf_level": "2",
                        "isced_f_code": "1022",
                        "participation_forms": ["blended"],
                        "part_of_qualification": "Ēdināšanas pakalpojumu pamati (demo)",
                        "prerequisites": "Nav.",
                        "stack_targets": [
                            {"target": "Ēdināšanas pakalpojumu pamati (160 stundas)"}
                        ],
                        "translate": {
                            "en": {
                                "texts": {
                                    "name": "Basics of Occupational Safety",
                                    "description": (
                                        "A two-day course on basic occupational safety rules, workplace risk "
                                        "assessment and what to do after an accident."
                                    ),
                                },
                                "outcomes": [
                                    "Assess the risks of one's own workplace.",
                                    "Act after an accident at work and report it.",
                                ],
                            }
                        },
                    },
                    {
                        "name": "Klientu apkalpošana ēdināšanas uzņēmumā",
                        "status": "draft",
                        "image": {"initials": "KA", "caption": "melnraksts"},
                        "description": "Plānots 40 stundu kurss par klientu apkalpošanu (demo melnraksts).",
                        "tags": ["klientu apkalpošana"],
                        "assessment_types": [],
                        "workload_hours": 40,
                        "isced_f_code": "1013",
                    },
                ],
            },
        ],
    },
]
