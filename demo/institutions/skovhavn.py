"""Demo institution 1. Denmark: adult vocational training (AMU): Skovhavn AMU Centre (``demo.data`` says what the keys mean)."""

INSTITUTION = {
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
                    "prerequisite_badges": ["MIG/MAG welding: fillet welds on plate"],
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
}
