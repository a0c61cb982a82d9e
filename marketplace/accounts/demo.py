"""Demo sign-ins, one per role, listed in the README; `seed-demo` creates them
(marketplace.demo.accounts) and attaches the staff to their organisation."""
from marketplace.accounts.models import Role

DEMO_PASSWORD = "ocop-demo-2026"

# (email, role, display name)
DEMO_ACCOUNTS = [
    ("consumer@example.com", Role.CONSUMER, "Nguyễn Thị Lan"),
    ("cooperative@example.com", Role.COOPERATIVE_STAFF, "Trần Văn Hùng"),
    ("distributor@example.com", Role.DISTRIBUTOR_STAFF, "Lê Minh Tâm"),
    ("reviewer@example.com", Role.COUNCIL_REVIEWER, "Phạm Thu Hà"),
    ("admin@example.com", Role.ADMIN, "Quản trị viên"),
]
