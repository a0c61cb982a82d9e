"""Stock: the one owner of how many of a product are left. Taking it for a sale, giving it
back, setting it by hand or by file, and the history of every change."""
