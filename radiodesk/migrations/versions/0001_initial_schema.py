"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-23 19:06:19.016965
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("honorific", sa.String(length=60), nullable=False),
        sa.Column("position", sa.String(length=300), nullable=False),
        sa.Column("institution", sa.String(length=300), nullable=False),
        sa.Column("name_folded", sa.String(length=200), nullable=False),
        sa.Column("institution_folded", sa.String(length=300), nullable=False),
        sa.Column("phone", sa.String(length=60), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("consent", sa.String(length=10), nullable=False),
        sa.Column("consent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("publish_name", sa.Boolean(), nullable=False),
        sa.Column("publish_position", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("merged_into_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["merged_into_id"], ["person.id"], name=op.f("fk_person_merged_into_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_person_institution_folded"), ["institution_folded"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_person_name_folded"), ["name_folded"], unique=False)

    op.create_table(
        "show",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("hosts", sa.JSON(), nullable=False),
        sa.Column("category", sa.String(length=100), nullable=False),
        sa.Column("subcategory", sa.String(length=100), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("explicit", sa.Boolean(), nullable=False),
        sa.Column("artwork", sa.String(length=500), nullable=True),
        sa.Column("live", sa.Boolean(), nullable=False),
        sa.Column("podcast", sa.Boolean(), nullable=False),
        sa.Column("auto_publish_after", sa.Integer(), nullable=True),
        sa.Column("loudness_target", sa.Float(), nullable=False),
        sa.Column("audio_format", sa.String(length=10), nullable=False),
        sa.Column("audio_bitrate", sa.Integer(), nullable=False),
        sa.Column("audio_channels", sa.Integer(), nullable=False),
        sa.Column("source_file", sa.String(length=500), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_show")),
        sa.UniqueConstraint("slug", name=op.f("uq_show_slug")),
    )
    op.create_table(
        "station",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("short_name", sa.String(length=40), nullable=False),
        sa.Column("frequency", sa.String(length=40), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("public_url", sa.String(length=500), nullable=False),
        sa.Column("owner_name", sa.String(length=200), nullable=False),
        sa.Column("owner_email", sa.String(length=200), nullable=False),
        sa.Column("artwork", sa.String(length=500), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_station")),
    )
    op.create_table(
        "slot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("show_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("weekdays", sa.String(length=40), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("interval", sa.Integer(), nullable=False),
        sa.Column("monthly_nth", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["show_id"], ["show.id"], name=op.f("fk_slot_show_id_show"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_slot")),
    )
    with op.batch_alter_table("slot", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_slot_show_id"), ["show_id"], unique=False)

    op.create_table(
        "broadcast",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("show_id", sa.Integer(), nullable=False),
        sa.Column("slot_id", sa.Integer(), nullable=True),
        sa.Column("occurrence", sa.DateTime(timezone=True), nullable=True),
        sa.Column("planned_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("planned_end", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actual_start", sa.DateTime(timezone=True), nullable=True),
        sa.Column("actual_end", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("special", sa.Boolean(), nullable=False),
        sa.Column("moved", sa.Boolean(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=True),
        sa.Column("topic", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("access_class", sa.String(length=8), nullable=False),
        sa.Column("handover", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["show_id"], ["show.id"], name=op.f("fk_broadcast_show_id_show")),
        sa.ForeignKeyConstraint(
            ["slot_id"], ["slot.id"], name=op.f("fk_broadcast_slot_id_slot"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_broadcast")),
        sa.UniqueConstraint("slot_id", "occurrence", name="uq_broadcast_slot_occurrence"),
    )
    with op.batch_alter_table("broadcast", schema=None) as batch_op:
        batch_op.create_index(
            "ix_broadcast_planned_start_end", ["planned_start", "planned_end"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_broadcast_show_id"), ["show_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_broadcast_status"), ["status"], unique=False)

    op.create_table(
        "appearance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("broadcast_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=12), nullable=False),
        sa.Column("topic", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["broadcast_id"],
            ["broadcast.id"],
            name=op.f("fk_appearance_broadcast_id_broadcast"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_appearance_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appearance")),
        sa.UniqueConstraint("broadcast_id", "person_id", "role", name="uq_appearance"),
    )
    with op.batch_alter_table("appearance", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_appearance_broadcast_id"), ["broadcast_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_appearance_person_id"), ["person_id"], unique=False)

    op.create_table(
        "broadcast_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("broadcast_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=100), nullable=False),
        sa.Column("old_start", sa.DateTime(timezone=True), nullable=True),
        sa.Column("old_end", sa.DateTime(timezone=True), nullable=True),
        sa.Column("new_start", sa.DateTime(timezone=True), nullable=True),
        sa.Column("new_end", sa.DateTime(timezone=True), nullable=True),
        sa.Column("old_status", sa.String(length=16), nullable=True),
        sa.Column("new_status", sa.String(length=16), nullable=True),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["broadcast_id"],
            ["broadcast.id"],
            name=op.f("fk_broadcast_change_broadcast_id_broadcast"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_broadcast_change")),
    )
    with op.batch_alter_table("broadcast_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_broadcast_change_broadcast_id"), ["broadcast_id"], unique=False
        )

    op.create_table(
        "log_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("broadcast_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=100), nullable=False),
        sa.Column("caller_name", sa.String(length=200), nullable=False),
        sa.Column("caller_location", sa.String(length=200), nullable=False),
        sa.Column("channel", sa.String(length=12), nullable=True),
        sa.Column("agency", sa.String(length=300), nullable=True),
        sa.Column("followup_status", sa.String(length=12), nullable=True),
        sa.Column("forwarded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["broadcast_id"],
            ["broadcast.id"],
            name=op.f("fk_log_entry_broadcast_id_broadcast"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_log_entry")),
    )
    with op.batch_alter_table("log_entry", schema=None) as batch_op:
        batch_op.create_index("ix_log_entry_broadcast_at", ["broadcast_id", "at"], unique=False)
        batch_op.create_index(
            "ix_log_entry_followup", ["kind", "followup_status", "agency"], unique=False
        )

    op.create_table(
        "recording",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("original_name", sa.String(length=500), nullable=False),
        sa.Column("stored_path", sa.String(length=500), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("container", sa.String(length=40), nullable=False),
        sa.Column("codec", sa.String(length=40), nullable=False),
        sa.Column("duration", sa.Float(), nullable=False),
        sa.Column("sample_rate", sa.Integer(), nullable=True),
        sa.Column("channels", sa.Integer(), nullable=True),
        sa.Column("bit_rate", sa.Integer(), nullable=True),
        sa.Column("loudness", sa.Float(), nullable=True),
        sa.Column("recorded_start", sa.DateTime(timezone=True), nullable=True),
        sa.Column("broadcast_id", sa.Integer(), nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("clip_start", sa.Float(), nullable=True),
        sa.Column("clip_end", sa.Float(), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("transcript_path", sa.String(length=500), nullable=True),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("verified_ok", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(
            ["broadcast_id"],
            ["broadcast.id"],
            name=op.f("fk_recording_broadcast_id_broadcast"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["recording.id"], name=op.f("fk_recording_parent_id_recording")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recording")),
        sa.UniqueConstraint("sha256", name=op.f("uq_recording_sha256")),
        sa.UniqueConstraint("stored_path", name=op.f("uq_recording_stored_path")),
    )
    with op.batch_alter_table("recording", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_recording_broadcast_id"), ["broadcast_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_recording_recorded_start"), ["recorded_start"], unique=False
        )

    op.create_table(
        "episode",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("guid", sa.String(length=200), nullable=False),
        sa.Column("show_id", sa.Integer(), nullable=False),
        sa.Column("broadcast_id", sa.Integer(), nullable=True),
        sa.Column("recording_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("publish_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("season", sa.Integer(), nullable=True),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.Column("chapters", sa.JSON(), nullable=True),
        sa.Column("chapters_key", sa.String(length=100), nullable=True),
        sa.Column("edited_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("drafted", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["broadcast_id"],
            ["broadcast.id"],
            name=op.f("fk_episode_broadcast_id_broadcast"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["recording_id"],
            ["recording.id"],
            name=op.f("fk_episode_recording_id_recording"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(["show_id"], ["show.id"], name=op.f("fk_episode_show_id_show")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_episode")),
        sa.UniqueConstraint("guid", name=op.f("uq_episode_guid")),
    )
    with op.batch_alter_table("episode", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_episode_broadcast_id"), ["broadcast_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_episode_recording_id"), ["recording_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_episode_show_id"), ["show_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_episode_status"), ["status"], unique=False)

    op.create_table(
        "log_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=12), nullable=False),
        sa.Column("old_text", sa.Text(), nullable=False),
        sa.Column("old_kind", sa.String(length=16), nullable=False),
        sa.Column("old_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("old_followup_status", sa.String(length=12), nullable=True),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["log_entry.id"],
            name=op.f("fk_log_revision_entry_id_log_entry"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_log_revision")),
    )
    with op.batch_alter_table("log_revision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_log_revision_entry_id"), ["entry_id"], unique=False)

    op.create_table(
        "rendition",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recording_id", sa.Integer(), nullable=False),
        sa.Column("stored_path", sa.String(length=500), nullable=False),
        sa.Column("format", sa.String(length=10), nullable=False),
        sa.Column("mime_type", sa.String(length=40), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("duration", sa.Float(), nullable=False),
        sa.Column("bit_rate", sa.Integer(), nullable=True),
        sa.Column("loudness", sa.Float(), nullable=True),
        sa.Column("true_peak", sa.Float(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("verified_ok", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(
            ["recording_id"],
            ["recording.id"],
            name=op.f("fk_rendition_recording_id_recording"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rendition")),
        sa.UniqueConstraint("stored_path", name=op.f("uq_rendition_stored_path")),
    )
    with op.batch_alter_table("rendition", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_rendition_recording_id"), ["recording_id"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("rendition", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rendition_recording_id"))

    op.drop_table("rendition")
    with op.batch_alter_table("log_revision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_log_revision_entry_id"))

    op.drop_table("log_revision")
    with op.batch_alter_table("episode", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_episode_status"))
        batch_op.drop_index(batch_op.f("ix_episode_show_id"))
        batch_op.drop_index(batch_op.f("ix_episode_recording_id"))
        batch_op.drop_index(batch_op.f("ix_episode_broadcast_id"))

    op.drop_table("episode")
    with op.batch_alter_table("recording", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recording_recorded_start"))
        batch_op.drop_index(batch_op.f("ix_recording_broadcast_id"))

    op.drop_table("recording")
    with op.batch_alter_table("log_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_log_entry_followup")
        batch_op.drop_index("ix_log_entry_broadcast_at")

    op.drop_table("log_entry")
    with op.batch_alter_table("broadcast_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_broadcast_change_broadcast_id"))

    op.drop_table("broadcast_change")
    with op.batch_alter_table("appearance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_appearance_person_id"))
        batch_op.drop_index(batch_op.f("ix_appearance_broadcast_id"))

    op.drop_table("appearance")
    with op.batch_alter_table("broadcast", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_broadcast_status"))
        batch_op.drop_index(batch_op.f("ix_broadcast_show_id"))
        batch_op.drop_index("ix_broadcast_planned_start_end")

    op.drop_table("broadcast")
    with op.batch_alter_table("slot", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_slot_show_id"))

    op.drop_table("slot")
    op.drop_table("station")
    op.drop_table("show")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_name_folded"))
        batch_op.drop_index(batch_op.f("ix_person_institution_folded"))

    op.drop_table("person")
