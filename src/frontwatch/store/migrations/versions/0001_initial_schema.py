"""initial schema: every table of store/schema.py as of the spine issue

Revision ID: 0001
Revises:
Create Date: 2026-11-25 06:08:32.909613
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None

def _item_tables() -> list[tuple[str, list[sa.Column], list[str]]]:
    """(name, own columns, indexed columns besides report_id) of each item table.

    Every item table also has the evidence columns of ``schema._ItemMixin`` and a cascading
    link to its report. Built fresh per call: a Column belongs to one Table only.
    """
    return [
        ('claims', [
            sa.Column('source', sa.String(length=120), nullable=False),
            sa.Column('stance', sa.String(length=12), nullable=False),
            sa.Column('p_low', sa.Float(), nullable=False),
            sa.Column('p_high', sa.Float(), nullable=False),
            sa.Column('scale', sa.String(length=10), nullable=False),
            sa.Column('target_claim', sa.String(length=80), nullable=True),
        ], ['source', 'stance']),
        ('entities', [
            sa.Column('label', sa.String(length=20), nullable=False),
        ], []),
        ('events', [
            sa.Column('type', sa.String(length=32), nullable=False),
            sa.Column('initiator_side', sa.String(length=10), nullable=False),
            sa.Column('target_side', sa.String(length=10), nullable=False),
            sa.Column('date_start', sa.Date(), nullable=True),
            sa.Column('date_end', sa.Date(), nullable=True),
            sa.Column('place_name', sa.String(length=200), nullable=False),
            sa.Column('geonameid', sa.Integer(), nullable=True),
            sa.Column('lat', sa.Float(), nullable=True),
            sa.Column('lon', sa.Float(), nullable=True),
            sa.Column('source', sa.String(length=120), nullable=False),
            sa.Column('asserted', sa.Boolean(), nullable=False),
            sa.Column('claim_id', sa.String(length=80), nullable=True),
            sa.Column('acled_event_type', sa.String(length=60), nullable=False),
            sa.Column('acled_sub_event_type', sa.String(length=80), nullable=False),
            sa.Column('viina', sa.String(length=120), nullable=False),
            sa.Column('merged_into', sa.String(length=80), nullable=True),
        ], ['date_start', 'initiator_side', 'merged_into', 'source', 'type']),
        ('forecasts', [
            sa.Column('source', sa.String(length=120), nullable=False),
            sa.Column('event_type', sa.String(length=32), nullable=False),
            sa.Column('report_date', sa.Date(), nullable=False),
            sa.Column('deadline', sa.Date(), nullable=True),
            sa.Column('deadline_defaulted', sa.Boolean(), nullable=False),
            sa.Column('p_low', sa.Float(), nullable=False),
            sa.Column('p_high', sa.Float(), nullable=False),
        ], ['deadline', 'source']),
        ('places', [
            sa.Column('name', sa.String(length=200), nullable=False),
            sa.Column('geonameid', sa.Integer(), nullable=True),
            sa.Column('key', sa.String(length=120), nullable=False),
            sa.Column('feature', sa.String(length=20), nullable=False),
            sa.Column('role', sa.String(length=20), nullable=False),
            sa.Column('lat', sa.Float(), nullable=True),
            sa.Column('lon', sa.Float(), nullable=True),
            sa.Column('country_code', sa.String(length=4), nullable=False),
            sa.Column('admin1_code', sa.String(length=20), nullable=False),
        ], ['geonameid', 'name']),
        ('quantities', [
            sa.Column('value', sa.Float(), nullable=False),
            sa.Column('unit', sa.String(length=20), nullable=False),
            sa.Column('kind', sa.String(length=20), nullable=False),
            sa.Column('lower', sa.Float(), nullable=True),
            sa.Column('upper', sa.Float(), nullable=True),
        ], []),
        ('times', [
            sa.Column('type', sa.String(length=12), nullable=False),
            sa.Column('value', sa.String(length=64), nullable=False),
            sa.Column('role', sa.String(length=12), nullable=False),
            sa.Column('begin', sa.Date(), nullable=True),
            sa.Column('end_date', sa.Date(), nullable=True),
        ], []),
    ]


def _evidence_columns() -> list[sa.Column]:
    return [
        sa.Column('report_id', sa.String(length=32), nullable=False),
        sa.Column('id', sa.String(length=80), nullable=False),
        sa.Column('start', sa.Integer(), nullable=False),
        sa.Column('end', sa.Integer(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('data', sa.JSON(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table('ingest_errors',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('origin', sa.Text(), nullable=False),
    sa.Column('line', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('reports',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('published', sa.Date(), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('lang', sa.String(length=8), nullable=False),
    sa.Column('origin', sa.Text(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('near_duplicate_of', sa.String(length=32), nullable=True),
    sa.Column('near_duplicate_similarity', sa.Float(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('error', sa.Text(), nullable=False),
    sa.Column('warnings', sa.JSON(), nullable=False),
    sa.Column('sentences', sa.JSON(), nullable=False),
    sa.Column('ingested_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['near_duplicate_of'], ['reports.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('sha256')
    )
    op.create_index('ix_reports_published', 'reports', ['published'])
    op.create_index('ix_reports_source', 'reports', ['source'])

    for name, columns, indexed in _item_tables():
        op.create_table(
            name,
            *_evidence_columns(),
            *columns,
            sa.ForeignKeyConstraint(['report_id'], ['reports.id'], ondelete='CASCADE'),
            sa.PrimaryKeyConstraint('id'),
        )
        for column in ['report_id', *indexed]:
            op.create_index(f'ix_{name}_{column}', name, [column])
    op.create_index('ix_events_type_date', 'events', ['type', 'date_start'])


def downgrade() -> None:
    for name, _columns, _indexed in reversed(_item_tables()):
        op.drop_table(name)
    op.drop_table('reports')
    op.drop_table('ingest_errors')
