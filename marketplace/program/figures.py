"""The program's figures as pages and files show them: translated titles and row labels over
the counts of `progress` (which stay plain values, shared by both languages)."""
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l

from marketplace import places
from marketplace.i18n import entity_kind_label
from marketplace.producers.constants import LEGACY_DISTRICTS
from marketplace.program import progress as counting
from marketplace.valuechain.labels import certification_label


@dataclass
class Row:
    code: str  # stable across languages: what a CSV reader joins on
    label: str
    value: int


@dataclass
class Figure:
    key: str
    title: str
    description: str
    label_heading: str
    value_heading: str
    rows: list

    @property
    def most(self):
        return max((row.value for row in self.rows), default=0)

    @property
    def total(self):
        return sum(row.value for row in self.rows)


def _stars_label(stars):
    return _l("Not rated") if stars == 0 else f"{stars}★"


EXPIRY_LABELS = (_l("within 30 days"), _l("in 31–60 days"), _l("in 61–90 days"))


def figures(data, groups, locale):
    """{key: Figure} in page order; `groups` are the OCOP groups (category entries)."""
    names = {group.code: group.name(locale) for group in groups}
    ward_names = {ward.code: ward.name for ward in places.ben_tre_wards()}
    products = _l("Products")
    made = [
        Figure("stars", _l("Products by OCOP stars"),
               _l("Products on sale by the stars they show today: 3–5★ while the certificate is valid, "
                  "1–2★ potential products."),
               _l("Stars"), products, [Row(str(s), _stars_label(s), n) for s, n in data.stars]),
        Figure("groups", _l("Products by OCOP group"), _l("Products on sale in each group of Decision 148/QĐ-TTg."),
               _l("Group"), products, [Row(code, names.get(code, code), n) for code, n in data.groups]),
        Figure("districts", _l("Products by district (before 2025)"),
               _l("Products on sale by the district their producer was in when districts existed."),
               _l("District"), products, [Row(code, LEGACY_DISTRICTS[code], n) for code, n in data.districts]),
        Figure("kinds", _l("Products by kind of producer"),
               _l("Products on sale by the kind of OCOP entity that makes them."),
               _l("Producer"), products, [Row(kind, str(entity_kind_label(kind)), n) for kind, n in data.kinds]),
        Figure("communes", _l("Communes with a certified OCOP product"),
               _l("Certified products (3★ or more, valid) in each commune of Bến Tre; the target is every commune."),
               _l("Commune"), _l("Certified products"),
               [Row(str(code), ward_names.get(code, str(code)), n) for code, n in data.communes]),
        Figure("potential", _l("Potential products upgraded to 3★ or more"),
               _l("Products rated 1–2★ that later earned a 3★ or higher certificate, by year of the upgrade."),
               _l("Year"), _l("Upgraded products"), [Row(str(year), str(year), n) for year, n in data.potential]),
        Figure("international", _l("4★+ products with an international certification"),
               _l("Products with a valid 4★ or 5★ certificate whose producer holds a valid international "
                  "certification (VietGAP, Vietnam's own standard, is not counted)."),
               _l("Certification"), products,
               [Row(kind, str(certification_label(kind)), n) for kind, n in data.international]),
        Figure("expiring", _l("Certificates expiring in the next 90 days"),
               _l("Valid OCOP certificates that end soon: the producers should apply for renewal."),
               _l("Expires"), _l("Certificates"),
               [Row(f"{low}-{high}", str(EXPIRY_LABELS[index]), n)
                for (index, n), (low, high) in zip(data.expiring, counting.EXPIRY_STEPS)]),
        Figure("partnerships", _l("Partnerships formed, by OCOP group"),
               _l("Supply partnerships between producers and distributors made on this site, by the group "
                  "of the products they cover."),
               _l("Group"), _l("Partnerships"), [Row(code, names.get(code, code), n) for code, n in data.partnerships]),
    ]
    return {figure.key: figure for figure in made}


def expiring_products(data):
    """The soon-expiring certificates listed under their figure: (slug, vi, en, stars, date)."""
    return [(slug, vi, en, stars, date.fromisoformat(day)) for slug, vi, en, stars, day in data.expiring_list]


def coverage(data):
    """The communes figure as its chart shows it: communes with and without a certified product."""
    covered = data.communes_covered
    return Figure("coverage", _l("Communes with a certified OCOP product"),
                  _l("Communes of Bến Tre with at least one certified product, and those still without."),
                  _l("Communes"), _l("Communes"),
                  [Row("with", str(_l("With a certified product")), covered),
                   Row("without", str(_l("Without one yet")), len(data.communes) - covered)])
