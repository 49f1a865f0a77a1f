"""articlesio: content hashes of imported article files

Revision ID: articlesio_0001
Revises: articles_0001

Branches off ``articles_0001`` rather than using ``depends_on``: with
``depends_on`` Alembic leaves ``articles_0001`` out of ``alembic_version``,
which the schema check reads as a missing head.
"""
from alembic import op
import sqlalchemy as sa


revision = 'articlesio_0001'
down_revision = 'articles_0001'
branch_labels = ('articlesio',)
depends_on = None


def upgrade() -> None:
    op.create_table('article_sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('file_name', sa.String(length=300), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_article_sources_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_article_sources')),
    sa.UniqueConstraint('sha256', name=op.f('uq_article_sources_sha256'))
    )
    with op.batch_alter_table('article_sources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_article_sources_article_id'), ['article_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('article_sources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_article_sources_article_id'))
    op.drop_table('article_sources')
