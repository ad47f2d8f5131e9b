"""Controlled vocabularies for badge classes (EU micro-credential elements, OB 3.0 terms)."""

from __future__ import annotations

from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class AssessmentType(models.TextChoices):
    ATTENDANCE = "attendance", _("Attendance only")
    ASSIGNMENT = "assignment", _("Assignment")
    EXAM = "exam", _("Exam")
    PRACTICAL = "practical", _("Practical demonstration")
    PORTFOLIO = "portfolio", _("Portfolio")
    SELF_ASSESSMENT = "self_assessment", _("Self-assessment")
    PRIOR_LEARNING = "prior_learning", _("Recognition of prior learning")


class Assessor(models.TextChoices):
    INTERNAL = "internal", _("Internal (the provider's own staff)")
    INDEPENDENT = "independent", _("Independent assessor")


class IdentityVerification(models.TextChoices):
    NONE = "none", _("No supervision or identity check")
    ONSITE_ID = "onsite_id", _("Supervised on site with an identity check")
    ONLINE_PROCTORED = (
        "online_proctored",
        _("Online with proctoring and an identity check"),
    )


class ParticipationForm(models.TextChoices):
    ONLINE = "online", _("Online")
    ONSITE = "onsite", _("On site")
    BLENDED = "blended", _("Blended")
    WORK_BASED = "work_based", _("Work-based")


class QualityAssurance(models.TextChoices):
    INTERNAL = "internal", _("Internal quality assurance")
    EXTERNAL = "external", _("External quality assurance")
    NONE = "none", _("No formal quality assurance")


class CreditSystem(models.TextChoices):
    ECTS = "ECTS", _("ECTS (European Credit Transfer and Accumulation System)")
    ECVET = "ECVET", _("ECVET points")
    NATIONAL = "national", _("A national credit system")


class DurationUnit(models.TextChoices):
    DAYS = "D", _("days")
    WEEKS = "W", _("weeks")
    MONTHS = "M", _("months")
    YEARS = "Y", _("years")


class AchievementType(models.TextChoices):
    """The OB 3.0 AchievementType vocabulary (1EdTech OB 3.0, "AchievementType Enumeration")."""

    ACHIEVEMENT = "Achievement", _("Achievement")
    APPRENTICESHIP_CERTIFICATE = (
        "ApprenticeshipCertificate",
        _("Apprenticeship certificate"),
    )
    ASSESSMENT = "Assessment", _("Assessment")
    ASSIGNMENT = "Assignment", _("Assignment")
    AWARD = "Award", _("Award")
    BADGE = "Badge", _("Badge")
    CERTIFICATE = "Certificate", _("Certificate")
    CERTIFICATE_OF_COMPLETION = (
        "CertificateOfCompletion",
        _("Certificate of completion"),
    )
    CERTIFICATION = "Certification", _("Certification")
    COMMUNITY_SERVICE = "CommunityService", _("Community service")
    COMPETENCY = "Competency", _("Competency")
    COURSE = "Course", _("Course")
    CO_CURRICULAR = "CoCurricular", _("Co-curricular")
    FIELDWORK = "Fieldwork", _("Fieldwork")
    JOURNEYMAN_CERTIFICATE = "JourneymanCertificate", _("Journeyman certificate")
    LEARNING_PROGRAM = "LearningProgram", _("Learning programme")
    LICENSE = "License", _("Licence")
    MEMBERSHIP = "Membership", _("Membership")
    MICRO_CREDENTIAL = "MicroCredential", _("Micro-credential")
    QUALITY_ASSURANCE_CREDENTIAL = (
        "QualityAssuranceCredential",
        _("Quality assurance credential"),
    )


class ResultType(models.TextChoices):
    """The OB 3.0 ResultType vocabulary, for classes that record a result or grade."""

    GRADE_POINT_AVERAGE = "GradePointAverage", _("Grade point average")
    LETTER_GRADE = "LetterGrade", _("Letter grade")
    PERCENT = "Percent", _("Percent")
    PERFORMANCE_LEVEL = "PerformanceLevel", _("Performance level")
    RAW_SCORE = "RawScore", _("Raw score")
    RESULT = "Result", _("Result")
    SCALED_SCORE = "ScaledScore", _("Scaled score")
    STATUS = "Status", _("Status (pass/fail)")


# ISCED Fields of Education and Training 2013 (ISCED-F): broad and narrow fields.
# UNESCO Institute for Statistics, "ISCED Fields of Education and Training 2013".
ISCED_F = {
    "00": _("Generic programmes and qualifications"),
    "001": _("Basic programmes and qualifications"),
    "002": _("Literacy and numeracy"),
    "003": _("Personal skills and development"),
    "01": _("Education"),
    "011": _("Education"),
    "02": _("Arts and humanities"),
    "021": _("Arts"),
    "022": _("Humanities (except languages)"),
    "023": _("Languages"),
    "03": _("Social sciences, journalism and information"),
    "031": _("Social and behavioural sciences"),
    "032": _("Journalism and information"),
    "04": _("Business, administration and law"),
    "041": _("Business and administration"),
    "042": _("Law"),
    "05": _("Natural sciences, mathematics and statistics"),
    "051": _("Biological and related sciences"),
    "052": _("Environment"),
    "053": _("Physical sciences"),
    "054": _("Mathematics and statistics"),
    "06": _("Information and Communication Technologies (ICTs)"),
    "061": _("Information and Communication Technologies (ICTs)"),
    "0611": _("Computer use"),
    "0612": _("Database and network design and administration"),
    "0613": _("Software and applications development and analysis"),
    "07": _("Engineering, manufacturing and construction"),
    "071": _("Engineering and engineering trades"),
    "0713": _("Electricity and energy"),
    "0714": _("Electronics and automation"),
    "0715": _("Mechanics and metal trades"),
    "072": _("Manufacturing and processing"),
    "073": _("Architecture and construction"),
    "08": _("Agriculture, forestry, fisheries and veterinary"),
    "081": _("Agriculture"),
    "082": _("Forestry"),
    "083": _("Fisheries"),
    "084": _("Veterinary"),
    "09": _("Health and welfare"),
    "091": _("Health"),
    "092": _("Welfare"),
    "10": _("Services"),
    "101": _("Personal services"),
    "1013": _("Hotel, restaurants and catering"),
    "102": _("Hygiene and occupational health services"),
    "1022": _("Occupational health and safety"),
    "103": _("Security services"),
    "104": _("Transport services"),
}
# format_lazy keeps the names translatable (an f-string would fix them in English).
ISCED_F_CHOICES = [
    (code, format_lazy("{} — {}", code, name)) for code, name in ISCED_F.items()
]


class RecipientType(models.TextChoices):
    """How a recipient is identified (OB 2.0 IdentityObject ``type``)."""

    EMAIL = "email", _("E-mail address")
    URL = "url", _("Web address")
    TELEPHONE = "telephone", _("Telephone number")


class AwardRoute(models.TextChoices):
    COURSE = "course", _("Completed the course")
    ASSESSMENT_ONLY = "assessment_only", _("Assessment only")
    PRIOR_LEARNING = "prior_learning", _("Recognition of prior learning")
