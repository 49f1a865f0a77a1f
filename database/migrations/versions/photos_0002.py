"""photos: index for the grid's order (date, taken, id)

Revision ID: photos_0002
Revises: photos_0001
"""
from alembic import op

revision = "photos_0002"
down_revision = "photos_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("photos", schema=None) as batch_op:
        batch_op.create_index("ix_photos_grid_order", ["date", "taken", "id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("photos", schema=None) as batch_op:
        batch_op.drop_index("ix_photos_grid_order")
