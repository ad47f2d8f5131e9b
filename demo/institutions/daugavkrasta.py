"""Demo institution 6. Latvia: a VET school, Latvian first: Daugavkrasta tehnikums (``demo.data`` says what the keys mean)."""

INSTITUTION = {
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
}
