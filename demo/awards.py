"""The demo's awards: learners with backpacks, including expired and revoked credentials.

Each entry: (badge class name, learner e-mail, days ago issued, extra fields).
``revoke`` in the extras revokes the award with that reason after issuing it.
"""

from __future__ import annotations

LIGA = "liga.vitola@learner.example"
SEAN = "sean.obriain@learner.example"
EMMA = "emma.nielsen@learner.example"
AMIR = "amir.haddad@learner.example"
PORTFOLIO = "https://portfolio.learner.example/"

AWARDS: list[tuple[str, str, int, dict]] = [
    # Līga: a Latvian cook in training, also a first-aider whose CPR badge has expired.
    (
        "Ēdināšanas pakalpojumu pamati (160 stundas)",
        LIGA,
        40,
        {"result": "8", "recipient_name": "Līga Vītola"},
    ),
    ("Pārtikas higiēnas pase", LIGA, 400, {"recipient_name": "Līga Vītola"}),
    ("Darba aizsardzības pamati", LIGA, 120, {"recipient_name": "Līga Vītola"}),
    (
        "First aid and CPR",
        LIGA,
        900,
        {"recipient_name": "Līga Vītola"},
    ),  # 24-month validity: expired
    # Seán: working through the stackable Microsoft 365 modules in Dublin.
    (
        "Microsoft 365 Fundamentals 1: Cloud concepts",
        SEAN,
        200,
        {"recipient_name": "Seán Ó Briain"},
    ),
    (
        "Microsoft 365 Fundamentals 2: Documents and presentations",
        SEAN,
        170,
        {"recipient_name": "Seán Ó Briain"},
    ),
    (
        "Microsoft 365 Fundamentals 3: Excel for everyday data",
        SEAN,
        140,
        {
            "recipient_name": "Seán Ó Briain",
            "evidence": [
                {"url": PORTFOLIO + "sean/excel-dashboard", "name": "Excel dashboard"}
            ],
        },
    ),
    (
        "Microsoft 365 Fundamentals 4: Outlook and Teams",
        SEAN,
        110,
        {"recipient_name": "Seán Ó Briain"},
    ),
    (
        "Microsoft 365 Fundamentals 5: SharePoint and OneDrive",
        SEAN,
        80,
        {
            "recipient_name": "Seán Ó Briain",
            "revoke": "Issued twice by mistake; the learner keeps the other award.",
        },
    ),
    # Emma: a welder in Denmark with an electrical-safety add-on.
    (
        "MIG/MAG welding: fillet welds on plate",
        EMMA,
        300,
        {"recipient_name": "Emma Nielsen", "route": "assessment_only"},
    ),
    (
        "MIG/MAG welding: butt welds on plate and pipe",
        EMMA,
        250,
        {"recipient_name": "Emma Nielsen"},
    ),
    (
        "Electrical safety: work on and near low-voltage installations",
        EMMA,
        60,
        {"recipient_name": "Emma Nielsen", "result": "92"},
    ),
    ("First aid and CPR", EMMA, 30, {"recipient_name": "Emma Nielsen"}),
    # Amir: recognised prior learning, a MOOC and research data training.
    (
        "CNC turning: programming and set-up",
        AMIR,
        90,
        {
            "recipient_name": "Amir Haddad",
            "route": "prior_learning",
            "narrative": "Recognised from six years as a CNC operator, confirmed by a practical test.",
        },
    ),
    (
        "Record of Achievement: Sustainable Supply Chains",
        AMIR,
        45,
        {"recipient_name": "Amir Haddad", "result": "78"},
    ),
    (
        "Confirmation of Participation: Building Apps with Low-Code Tools",
        AMIR,
        20,
        {"recipient_name": "Amir Haddad"},
    ),
    (
        "Research Data Management: Foundations",
        AMIR,
        15,
        {"recipient_name": "Amir Haddad"},
    ),
    (
        "Python for Data Analysis",
        AMIR,
        400,
        {
            "recipient_name": "Amir Haddad",
            "result": "7.5",
            "revoke": "Assessment irregularity found in the final project.",
        },
    ),
]
