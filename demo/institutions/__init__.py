"""The demo institutions, one module each, in the order ``load_demo`` creates them."""

from . import daugavkrasta, hanzeveld, kursora, liffeyside, nordurljos, skovhavn

INSTITUTIONS = [
    skovhavn.INSTITUTION,
    nordurljos.INSTITUTION,
    liffeyside.INSTITUTION,
    kursora.INSTITUTION,
    hanzeveld.INSTITUTION,
    daugavkrasta.INSTITUTION,
]
