"""articles: articles, quotes, tags, revisions, comments, autosaves, search index

Revision ID: articles_0001
Revises: 0001_foundation
"""
from alembic import op
import sqlalchemy as sa

from database import fts

FTS_COLUMNS = ["title", "lead", "body", "quotes", "tags", "author"]


revision = 'articles_0001'
down_revision = '0001_foundation'
branch_labels = ('articles',)
depends_on = None


def upgrade() -> None:
    op.create_table('articles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('subtitle', sa.String(length=500), nullable=False),
    sa.Column('dateline_city', sa.String(length=100), nullable=False),
    sa.Column('event_date', sa.Date(), nullable=True),
    sa.Column('publication_date', sa.Date(), nullable=True),
    sa.Column('embargo_at', sa.DateTime(), nullable=True),
    sa.Column('embargo_tz', sa.String(length=8), nullable=False),
    sa.Column('lead', sa.Text(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('writer', sa.String(length=200), nullable=False),
    sa.Column('editor', sa.String(length=200), nullable=False),
    sa.Column('photographer', sa.String(length=200), nullable=False),
    sa.Column('boilerplate', sa.Text(), nullable=False),
    sa.Column('contact_block', sa.Text(), nullable=False),
    sa.Column('source_url', sa.String(length=1000), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('locked_by', sa.Integer(), nullable=True),
    sa.Column('locked_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['staff.id'], name=op.f('fk_articles_author_id_staff'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['locked_by'], ['staff.id'], name=op.f('fk_articles_locked_by_staff'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_articles'))
    )
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_articles_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_articles_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_articles_event_date'), ['event_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_articles_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_articles_publication_date'), ['publication_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_articles_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_articles_title'), ['title'], unique=False)
        batch_op.create_index(batch_op.f('ix_articles_updated_at'), ['updated_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_articles_writer'), ['writer'], unique=False)

    op.create_table('article_autosaves',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('base_revision', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_article_autosaves_article_id_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_article_autosaves_staff_id_staff'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_article_autosaves')),
    sa.UniqueConstraint('article_id', 'staff_id', name='uq_article_autosaves_article_staff')
    )
    with op.batch_alter_table('article_autosaves', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_article_autosaves_article_id'), ['article_id'], unique=False)

    op.create_table('article_comments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_article_comments_article_id_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_article_comments_staff_id_staff'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_article_comments'))
    )
    with op.batch_alter_table('article_comments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_article_comments_article_id'), ['article_id'], unique=False)

    op.create_table('article_quotes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('ordinal', sa.Integer(), nullable=False),
    sa.Column('speaker', sa.String(length=300), nullable=False),
    sa.Column('position', sa.String(length=300), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_article_quotes_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_article_quotes'))
    )
    with op.batch_alter_table('article_quotes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_article_quotes_article_id'), ['article_id'], unique=False)

    op.create_table('article_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_article_revisions_article_id_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_article_revisions_staff_id_staff'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_article_revisions')),
    sa.UniqueConstraint('article_id', 'number', name='uq_article_revisions_article_number')
    )
    with op.batch_alter_table('article_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_article_revisions_article_id'), ['article_id'], unique=False)

    op.create_table('article_tags',
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('tag', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_article_tags_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'tag', name=op.f('pk_article_tags'))
    )
    with op.batch_alter_table('article_tags', schema=None) as batch_op:
        batch_op.create_index('ix_article_tags_tag', ['tag'], unique=False)

    fts.create_legacy(op.get_bind(), "fts_articles", FTS_COLUMNS)


def downgrade() -> None:
    fts.drop(op.get_bind(), "fts_articles")
    with op.batch_alter_table('article_tags', schema=None) as batch_op:
        batch_op.drop_index('ix_article_tags_tag')

    op.drop_table('article_tags')
    with op.batch_alter_table('article_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_article_revisions_article_id'))

    op.drop_table('article_revisions')
    with op.batch_alter_table('article_quotes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_article_quotes_article_id'))

    op.drop_table('article_quotes')
    with op.batch_alter_table('article_comments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_article_comments_article_id'))

    op.drop_table('article_comments')
    with op.batch_alter_table('article_autosaves', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_article_autosaves_article_id'))

    op.drop_table('article_autosaves')
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_articles_writer'))
        batch_op.drop_index(batch_op.f('ix_articles_updated_at'))
        batch_op.drop_index(batch_op.f('ix_articles_title'))
        batch_op.drop_index(batch_op.f('ix_articles_status'))
        batch_op.drop_index(batch_op.f('ix_articles_publication_date'))
        batch_op.drop_index(batch_op.f('ix_articles_kind'))
        batch_op.drop_index(batch_op.f('ix_articles_event_date'))
        batch_op.drop_index(batch_op.f('ix_articles_created_at'))
        batch_op.drop_index(batch_op.f('ix_articles_author_id'))

    op.drop_table('articles')
