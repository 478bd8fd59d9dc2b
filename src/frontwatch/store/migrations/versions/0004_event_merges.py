"""event merges: canonical events with the reports and sources behind them

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "event_merges",
        sa.Column("canonical_id", sa.String(length=80), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("place_name", sa.String(length=200), nullable=False),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("event_ids", sa.JSON(), nullable=False),
        sa.Column("report_ids", sa.JSON(), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("n_reports", sa.Integer(), nullable=False),
        sa.Column("n_sources", sa.Integer(), nullable=False),
        sa.Column("merged_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("canonical_id"),
    )
    with op.batch_alter_table("event_merges", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_merges_type"), ["type"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("event_merges", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_merges_type"))
    op.drop_table("event_merges")
