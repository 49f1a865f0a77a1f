"""contacts: organisations, people, channels, lists, collaboration log, coverage

Revision ID: contacts_0001
Revises: 0001_foundation
"""
from alembic import op
import sqlalchemy as sa

from database import fts

revision = "contacts_0001"
down_revision = "0001_foundation"
branch_labels = ("contacts",)
depends_on = None

ORG_TYPES = [
    "Media cetak", "Media online", "Televisi", "Radio", "Perguruan Tinggi",
    "Organisasi Kemasyarakatan", "LSM", "Instansi Pemerintah", "Komunitas", "Lainnya",
]
PEOPLE_FTS = ["name", "position", "organization", "notes", "tags", "channels"]
ORG_FTS = ["name", "type", "region", "notes", "tags"]


def upgrade() -> None:
    op.create_table('collaborations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_collaborations'))
    )
    with op.batch_alter_table('collaborations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_collaborations_date'), ['date'], unique=False)

    op.create_table('distribution_lists',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('filter_json', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_distribution_lists')),
    sa.UniqueConstraint('name', name=op.f('uq_distribution_lists_name'))
    )
    op.create_table('organization_types',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organization_types')),
    sa.UniqueConstraint('name', name=op.f('uq_organization_types_name'))
    )
    op.create_table('organizations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('type_id', sa.Integer(), nullable=True),
    sa.Column('regency', sa.String(length=120), nullable=False),
    sa.Column('province', sa.String(length=120), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('phone', sa.String(length=60), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('website', sa.String(length=300), nullable=False),
    sa.Column('social', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('tags', sa.Text(), nullable=False),
    sa.Column('mou_number', sa.String(length=120), nullable=False),
    sa.Column('mou_signed', sa.Date(), nullable=True),
    sa.Column('mou_expires', sa.Date(), nullable=True),
    sa.Column('mou_scope', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['type_id'], ['organization_types.id'], name=op.f('fk_organizations_type_id_organization_types'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organizations'))
    )
    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organizations_mou_expires'), ['mou_expires'], unique=False)
        batch_op.create_index(batch_op.f('ix_organizations_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_organizations_province'), ['province'], unique=False)
        batch_op.create_index(batch_op.f('ix_organizations_regency'), ['regency'], unique=False)
        batch_op.create_index(batch_op.f('ix_organizations_type_id'), ['type_id'], unique=False)

    op.create_table('collaboration_organizations',
    sa.Column('collaboration_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['collaboration_id'], ['collaborations.id'], name=op.f('fk_collaboration_organizations_collaboration_id_collaborations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_collaboration_organizations_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('collaboration_id', 'organization_id', name=op.f('pk_collaboration_organizations'))
    )
    with op.batch_alter_table('collaboration_organizations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_collaboration_organizations_organization_id'), ['organization_id'], unique=False)

    op.create_table('people',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('full_name', sa.String(length=300), nullable=False),
    sa.Column('sort_name', sa.String(length=300), nullable=False),
    sa.Column('position', sa.String(length=300), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=True),
    sa.Column('organization_sort', sa.String(length=300), nullable=False),
    sa.Column('beat', sa.String(length=200), nullable=False),
    sa.Column('preferred_channel', sa.String(length=40), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('tags', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=300), nullable=False),
    sa.Column('consent', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_people_organization_id_organizations'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_people'))
    )
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_people_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index('ix_people_organization_sort', ['organization_sort', 'sort_name'], unique=False)
        batch_op.create_index('ix_people_position_sort', ['position', 'sort_name'], unique=False)
        batch_op.create_index(batch_op.f('ix_people_sort_name'), ['sort_name'], unique=False)

    op.create_table('affiliations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=300), nullable=False),
    sa.Column('date_from', sa.Date(), nullable=True),
    sa.Column('date_to', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_affiliations_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_affiliations_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_affiliations'))
    )
    with op.batch_alter_table('affiliations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_affiliations_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_affiliations_person_id'), ['person_id'], unique=False)

    op.create_table('collaboration_people',
    sa.Column('collaboration_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['collaboration_id'], ['collaborations.id'], name=op.f('fk_collaboration_people_collaboration_id_collaborations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_collaboration_people_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('collaboration_id', 'person_id', name=op.f('pk_collaboration_people'))
    )
    with op.batch_alter_table('collaboration_people', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_collaboration_people_person_id'), ['person_id'], unique=False)

    op.create_table('coverage',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('article_id', sa.Integer(), nullable=True),
    sa.Column('headline', sa.String(length=500), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('url', sa.String(length=1000), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_coverage_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_coverage_person_id_people'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_coverage'))
    )
    with op.batch_alter_table('coverage', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_coverage_article_id'), ['article_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_coverage_date'), ['date'], unique=False)
        batch_op.create_index(batch_op.f('ix_coverage_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_coverage_person_id'), ['person_id'], unique=False)

    op.create_table('list_members',
    sa.Column('list_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['list_id'], ['distribution_lists.id'], name=op.f('fk_list_members_list_id_distribution_lists'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_list_members_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('list_id', 'person_id', name=op.f('pk_list_members'))
    )
    with op.batch_alter_table('list_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_list_members_person_id'), ['person_id'], unique=False)

    op.create_table('person_emails',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=60), nullable=False),
    sa.Column('address', sa.String(length=254), nullable=False),
    sa.Column('address_key', sa.String(length=254), nullable=False),
    sa.Column('public', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_person_emails_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person_emails'))
    )
    with op.batch_alter_table('person_emails', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_emails_address_key'), ['address_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_emails_person_id'), ['person_id'], unique=False)

    op.create_table('person_phones',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=60), nullable=False),
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('whatsapp', sa.Boolean(), nullable=False),
    sa.Column('public', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_person_phones_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person_phones'))
    )
    with op.batch_alter_table('person_phones', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_phones_number'), ['number'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_phones_person_id'), ['person_id'], unique=False)

    op.create_table('person_photos',
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_person_photos_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('person_id', name=op.f('pk_person_photos'))
    )
    op.create_table('social_accounts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('network', sa.String(length=60), nullable=False),
    sa.Column('handle', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_social_accounts_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_social_accounts'))
    )
    with op.batch_alter_table('social_accounts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_social_accounts_person_id'), ['person_id'], unique=False)

    

    types = sa.table("organization_types", sa.column("id", sa.Integer), sa.column("name", sa.String),
                     sa.column("position", sa.Integer))
    op.bulk_insert(types, [{"id": i + 1, "name": n, "position": i} for i, n in enumerate(ORG_TYPES)])
    fts.create_legacy(op.get_bind(), "fts_contacts", PEOPLE_FTS)
    fts.create_legacy(op.get_bind(), "fts_organizations", ORG_FTS)


def downgrade() -> None:
    fts.drop(op.get_bind(), "fts_organizations")
    fts.drop(op.get_bind(), "fts_contacts")
    with op.batch_alter_table('social_accounts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_social_accounts_person_id'))

    op.drop_table('social_accounts')
    op.drop_table('person_photos')
    with op.batch_alter_table('person_phones', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_phones_person_id'))
        batch_op.drop_index(batch_op.f('ix_person_phones_number'))

    op.drop_table('person_phones')
    with op.batch_alter_table('person_emails', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_emails_person_id'))
        batch_op.drop_index(batch_op.f('ix_person_emails_address_key'))

    op.drop_table('person_emails')
    with op.batch_alter_table('list_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_list_members_person_id'))

    op.drop_table('list_members')
    with op.batch_alter_table('coverage', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_coverage_person_id'))
        batch_op.drop_index(batch_op.f('ix_coverage_organization_id'))
        batch_op.drop_index(batch_op.f('ix_coverage_date'))
        batch_op.drop_index(batch_op.f('ix_coverage_article_id'))

    op.drop_table('coverage')
    with op.batch_alter_table('collaboration_people', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_collaboration_people_person_id'))

    op.drop_table('collaboration_people')
    with op.batch_alter_table('affiliations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_affiliations_person_id'))
        batch_op.drop_index(batch_op.f('ix_affiliations_organization_id'))

    op.drop_table('affiliations')
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_people_sort_name'))
        batch_op.drop_index('ix_people_position_sort')
        batch_op.drop_index('ix_people_organization_sort')
        batch_op.drop_index(batch_op.f('ix_people_organization_id'))

    op.drop_table('people')
    with op.batch_alter_table('collaboration_organizations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_collaboration_organizations_organization_id'))

    op.drop_table('collaboration_organizations')
    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organizations_type_id'))
        batch_op.drop_index(batch_op.f('ix_organizations_regency'))
        batch_op.drop_index(batch_op.f('ix_organizations_province'))
        batch_op.drop_index(batch_op.f('ix_organizations_name'))
        batch_op.drop_index(batch_op.f('ix_organizations_mou_expires'))

    op.drop_table('organizations')
    op.drop_table('organization_types')
    op.drop_table('distribution_lists')
    with op.batch_alter_table('collaborations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_collaborations_date'))

    op.drop_table('collaborations')
    
