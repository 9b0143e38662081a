"""The audit trail's action codes, enumerated: every `audit(...)` row uses one of these, or the name of the
transition it records (a workflow step is audited under its own name, e.g. "decide")."""

from __future__ import annotations

from enum import StrEnum


class AuditAction(StrEnum):
    # any object
    CREATED = "opprettet"
    CHANGED = "endret"
    # cases and follow-ups
    LEGALITY_DEMAND = "lovlighetskontroll"
    LEGALITY_RESOLVED = "lovlighetskontroll_avgjort"
    STATUS_NOTE = "statusmelding"
    # meetings: the agenda and the notice
    SUPPLEMENTARY_NOTICE = "tilleggsinnkalling"
    ITEM_ADDED = "sak_lagt_til"
    ITEM_REMOVED = "sak_fjernet"
    ITEM_MOVED = "sak_flyttet"
    ITEM_CLOSED = "lukket"
    ITEM_OPENED = "apnet"
    QUESTION = "sporsmal"
    QUESTION_ANSWERED = "sporsmal_besvart"
    # meetings: absence, attendance, habilitet
    ABSENCE = "forfall"
    SUBSTITUTE_CALLED = "vara_innkalt"
    ATTENDANCE = "oppmote"
    ATTENDANCE_REMOVED = "oppmote_fjernet"
    DEPARTED = "gikk"
    ARRIVED = "kom"
    RECUSAL = "habilitet"
    # meetings: the live meeting
    CURRENT_ITEM = "sak_til_behandling"
    VIDEO = "video"
    VIDEO_STARTED = "video_start"
    PROPOSAL = "forslag"
    VOTE = "avstemning"
    OUTCOME = "utfall"
    DECISION_CHANGED = "vedtak_endret"
    REMARK = "protokolltilforsel"
    MINUTES_CHANGED = "protokoll_endret"
    # weddings
    WEDDING_REQUESTED = "forespurt"
    REPORT_CREATED = "rapport_laget"
    # appointment rounds
    POOL_SIZES = "antall"
    POOL_ADDED = "utvalg_lagt_til"
    CANDIDATE_SUBMITTED = "kandidat_innmeldt"
    CANDIDATE_REGISTERED = "kandidat_registrert"
    CANDIDATE_CHANGED = "kandidat_endret"
    PROPOSAL_CHANGED = "forslag_endret"
    CASE_CREATED = "sak_opprettet"
    ROUND_DID_NOT_FOLLOW = "fulgte_ikke_saken"
    # memberships: changes during the term (appointments/changes.py)
    MEMBERSHIP_ENDED = "fratredt"
    MOVED_UP = "rykket_opp"
    SUBSTITUTE_ORDER = "varanummer"
    CHANGE_APPLIED = "gjennomfort"
    CHANGE_REJECTED = "avslatt"
    # elections
    EVALUATION = "evaluering"
    # documents
    ATTACHMENT_ADDED = "vedlegg_lagt_til"
    ATTACHMENT_REMOVED = "vedlegg_fjernet"
    TEMPLATE_UPLOADED = "mal_lastet_opp"
    TEMPLATE_DEACTIVATED = "mal_deaktivert"
    # calendars
    FEED_KEY_CREATED = "kalendernokkel_opprettet"
    FEED_KEY_ROTATED = "kalendernokkel_byttet"
    FEED_KEY_REVOKED = "kalendernokkel_trukket"
    PLAN_DRAFTED = "moteplan_utkast"
    PLAN_PUBLISHED = "moteplan_publisert"
    PLAN_MEETING_ADDED = "moteplan_legg_til"
    PLAN_MEETING_MOVED = "moteplan_flytt"
    PLAN_MEETING_DELETED = "moteplan_slett"
    SCHOOL_HOLIDAY_ADDED = "skoleferie_lagt_til"
    SCHOOL_HOLIDAY_REMOVED = "skoleferie_fjernet"
    # tasks (oppgaver)
    TASK_ADDED = "oppgave_lagt_til"
    TASK_CHANGED = "oppgave_endret"
    TASK_DONE = "oppgave_utfort"
    TASK_REOPENED = "oppgave_gjenapnet"
    # roles and privileges (the accounts app; secretariat/accounts/guard.py)
    ROLE_GRANTED = "role_granted"
    ROLE_REVOKED = "role_revoked"
    LOGIN_UNLOCKED = "innlogging_laast_opp"  # a fagleder lifted a log-in lockout (issue 12)
    SUPERUSER_GRANTED = "superuser_granted"
    SUPERUSER_REVOKED = "superuser_revoked"
    STAFF_GRANTED = "staff_granted"
    STAFF_REVOKED = "staff_revoked"
    PERMISSIONS_GRANTED = "permissions_granted"
    PERMISSIONS_REVOKED = "permissions_revoked"
    # questions (session 19): spørsmål/interpellasjoner and delegerte vedtak
    QUESTION_EXEMPT = "sporsmal_unntatt"
    DELEGATED_DECISION = "delegert_vedtak"
    DELEGATED_IMPORTED = "delegerte_vedtak_importert"
    DELEGATED_REPORTED = "delegert_vedtak_meldt"
    # dates (session 19): utsatt iverksetting of a decision under lovlighetskontroll (koml. § 27-1, fvl. § 42)
    LEGALITY_POSTPONED = "iverksetting_utsatt"
    # votes (s19-votes): the møteleder of an item or meeting when the leader cannot lead (koml. § 11-2)
    ACTING_CHAIR = "setteleder"
    # people (issue 13): the substitute chain and attendance corrections
    SUBSTITUTE_CALL_CANCELLED = "vara_innkalling_trukket"
    # the politikerportal (session 20): private notes, advance inhabilitet, permisjon/fritak (koml. § 7-9)
    NOTE_SAVED = "notat_lagret"
    NOTE_DELETED = "notat_slettet"
    RECUSAL_DECLARED = "inhabilitet_meldt"
    LEAVE_CALL_IN = "permisjon_forfall"
    # godtgjøring (issue 15): claims' lines and the payroll export; folkevalgtopplæring
    CLAIM_CREATED = "krav_opprettet"
    CLAIM_LINE_ADDED = "kravlinje_lagt_til"
    CLAIM_LINE_REMOVED = "kravlinje_fjernet"
    CLAIM_FOLLOWED_RECORD = "krav_fulgte_oppmotet"
    CLAIM_DELETED = "krav_slettet"
    PAYROLL_EXPORTED = "lonn_eksportert"
    PAYMENT_CORRECTED = "utbetaling_rettet"  # a correction of what an export paid, paid in the next one
    TRAINING_SESSION_ADDED = "kursdag_lagt_til"
    TRAINING_MATERIAL_ADDED = "kursmateriell_lagt_til"
    TRAINING_REGISTERED = "pameldt"
    TRAINING_UNREGISTERED = "avmeldt"
    # the archive (issue 14): the saksmappe's receipt gives the case its arkivsaksnummer
    ARCHIVE_CASE_NUMBER = "arkivsaksnummer_fra_arkivet"
    # term (issue 15): valgoppgjør, konstituerende møte, gruppestøtte (secretariat/term)
    ELECTION_RESULT_IMPORTED = "valgoppgjor_importert"
    INVITATION_SENT = "invitasjon_sendt"
    BODY_ELECTION_REGISTERED = "organvalg_registrert"
    BODY_ELECTION_APPLIED = "organvalg_gjennomfort"
    MAYOR_ELECTED = "ordforer_valgt"
    LEADER_ELECTED = "leder_valgt"
    GROUP_CHANGED = "gruppeskifte"
    GROUP_SUPPORT_CASE = "gruppestotte_sak"
    # the live meeting (issue 16): the speaker list and electronic votes from members' devices
    SPEAKER_REQUESTED = "ba_om_ordet"
    SPEAKER_WITHDRAWN = "trakk_ordet"
    SPEAKER_STARTED = "fikk_ordet"
    SPEAKER_ENDED = "ferdig_med_ordet"
    SPEAKER_MOVED = "talerliste_endret"
    # on the ElectronicVote: closing and cancelling are its workflow's steps (workflows/evote.py), audited as such
    EVOTE_OPENED = "avstemning_apnet"
    EVOTE_CAST = "stemme_avgitt"
