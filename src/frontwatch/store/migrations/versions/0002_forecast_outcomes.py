"""forecast outcomes: automatic outcomes with evidence, and manual overrides, kept apart

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "forecast_outcomes",
        sa.Column("forecast_id", sa.String(length=80), nullable=False),
        sa.Column("outcome", sa.String(length=8), nullable=False),
        sa.Column("rule", sa.Text(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("forecast_id"),
    )
    with op.batch_alter_table("forecast_outcomes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_forecast_outcomes_outcome"), ["outcome"], unique=False
        )
    op.create_table(
        "forecast_overrides",
        sa.Column("forecast_id", sa.String(length=80), nullable=False),
        sa.Column("outcome", sa.String(length=8), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("forecast_id"),
    )


def downgrade() -> None:
    op.drop_table("forecast_overrides")
    with op.batch_alter_table("forecast_outcomes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_forecast_outcomes_outcome"))
    op.drop_table("forecast_outcomes")
