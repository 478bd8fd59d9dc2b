"""control tables: imported map snapshots, their status layers, settlement control rows

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "control_snapshots",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("publisher", sa.String(length=80), nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("warnings", sa.JSON(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("publisher", "date", name="uq_control_snapshot_day"),
    )
    op.create_index("ix_control_snapshots_date", "control_snapshots", ["date"])
    op.create_table(
        "control_layers",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("snapshot_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("area_km2", sa.Float(), nullable=False),
        sa.Column("n_features", sa.Integer(), nullable=False),
        sa.Column("labels", sa.JSON(), nullable=False),
        sa.Column("geometry", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["snapshot_id"], ["control_snapshots.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_control_layers_snapshot_id", "control_layers", ["snapshot_id"])
    op.create_table(
        "settlement_control",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("basis", sa.String(length=120), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("geonameid", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("controller", sa.String(length=12), nullable=False),
        sa.Column("probability", sa.Float(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_settlement_control_basis", "settlement_control", ["basis"])
    op.create_index("ix_settlement_control_date", "settlement_control", ["date"])
    op.create_index("ix_settlement_control_geonameid", "settlement_control", ["geonameid"])


def downgrade() -> None:
    op.drop_table("settlement_control")
    op.drop_table("control_layers")
    op.drop_table("control_snapshots")
