"""The load test's shoppers (run by bench/load.py, which starts the servers and checks the
outcome): browsers walk the storefront, buyers add to a cart and order cash on delivery.
Each user picks one of the servers in BENCH_HOSTS, as a load balancer would."""
import json
import os
import random
import sys
from pathlib import Path

from locust import HttpUser, between, task

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import shop  # noqa: E402

HOSTS = os.environ.get("BENCH_HOSTS", "http://127.0.0.1:5000").split(",")
CATALOGUE = json.loads(Path(os.environ["BENCH_CATALOGUE"]).read_text()) if "BENCH_CATALOGUE" in os.environ else {}
WORDS = ["kẹo dừa", "keo dua", "dừa", "bánh", "mật ong", "chuối", "tinh dầu", "sữa", "bưởi", "cacao"]


class Shopper(HttpUser):
    abstract = True

    def on_start(self):
        self.host = random.choice(HOSTS)
        self.client.base_url = self.host
        # One visitor address per user (the servers trust one proxy), as real visitors have.
        self.client.headers["X-Forwarded-For"] = f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"


class Browser(Shopper):
    fixed_count = 50
    wait_time = between(1, 3)

    @task(3)
    def home(self):
        self.client.get("/", name="/")

    @task(4)
    def listing(self):
        self.client.get("/products", name="/products")

    @task(6)
    def product(self):
        self.client.get(f"/products/{random.choice(CATALOGUE['slugs'])}", name="/products/<slug>")

    @task(3)
    def search(self):
        self.client.get("/search", params={"q": random.choice(WORDS)}, name="/search?q=")

    @task(1)
    def cooperative(self):
        self.client.get(f"/cooperatives/{random.choice(CATALOGUE['cooperatives'])}", name="/cooperatives/<slug>")


class Buyer(Shopper):
    fixed_count = 10
    wait_time = between(1, 2)

    @task
    def buy(self):
        # Half the carts hold a scarce product (few units): buyers race for the last ones.
        product_id = random.choice(CATALOGUE["scarce"] if random.random() < 0.5 else CATALOGUE["plenty"])
        self.client.get(f"/products/{CATALOGUE['slug_of'][str(product_id)]}", name="/products/<slug>")
        shop.add_to_cart(self.client, self.host, product_id, quantity=random.randint(1, 2), name="/cart/add")
        shop.check_out(self.client, self.host, name_prefix="")
