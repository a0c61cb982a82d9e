"""The company of the demo distributor sign-in (marketplace.accounts.demo)."""
from marketplace.distributors.models import DistributorKind

DEMO_COMPANY = {"slug": "dac-san-mien-tay-demo", "name": "Công ty Đặc sản Miền Tây (demo)", "kind": DistributorKind.WHOLESALER}
