"""A ledger of a cooperative, for the include example of the fixture."""

# ANCHOR: total
def total(entries):
    """Sum the debits of the entries."""
    return sum(e.debit for e in entries)
# ANCHOR_END: total
