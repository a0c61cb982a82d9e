"""Column types every domain's models share."""
import sqlalchemy as sa


def str_enum(enum_class, name):
    """A string column limited to the enum's values by a CHECK constraint (portable)."""
    return sa.Enum(
        enum_class,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )
