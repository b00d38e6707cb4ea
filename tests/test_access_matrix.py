"""Every route of the URL map, every method, as each role: the answer the table expects.

The table below is the authorization matrix (issue 25). It is checked against
``app.url_map``: a route without an entry fails the test, with the line to add (what the
route answers now), so that whoever adds a route decides who may use it.

Each answer is one of: 200, 302 (a redirect elsewhere than the sign-in page), login (the
sign-in page), 400, 403, 404, 405. A state-changing request is sent as the role would
send it from a page (with a CSRF token, no other fields); when it changed the database,
the database is put back and the role signs in again before the next request. Besides:

- a GET never writes to the database (no INSERT, UPDATE or DELETE is even attempted);
- a state-changing request without a CSRF token is refused (400) and writes nothing;
- a request the table says is refused (login, 403, 404, 405) writes nothing;
- GET or POST to a route that does not take it answers 405; no route takes another method.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from flask import url_for
from sqlalchemy import event
from werkzeug.exceptions import MethodNotAllowed

from app.extensions import db
from tests.access_scene import ROLES, build_access_scene, sign_in, snapshot

# endpoint[@variant] -> method -> the answer to anonymous, owner, member, partner, staff, admin.
# The owner is An (tests/personal_scene.py): author, profile, need, session, peer adviser,
# member of the appointment and the question, party to the request and the mentorship.
# Partner routes act on Pia's partner and offer; Dee is a member with nothing of An's.
MATRIX: dict[str, dict[str, str]] = {
    "main.home": {"GET": "200 200 200 200 200 200"},  # /
    "api.openapi": {"GET": "200 200 200 200 200 200"},  # /api/v1/openapi.json
    "api.search": {"GET": "200 200 200 200 200 200"},  # /api/v1/search
    "articles.index": {"GET": "200 200 200 200 200 200"},  # /articles/
    "articles.show": {"GET": "200 200 200 200 200 200"},  # /articles/1
    "articles.show@draft": {"GET": "404 200 404 404 404 404"},  # /articles/2
    "articles.comment": {"POST": "login 200 200 200 200 200"},  # /articles/1/comments
    "articles.delete_comment": {
        "POST": "login 302 403 403 302 302"
    },  # /articles/3/comments/1/delete
    "articles.delete": {  # /articles/1/delete
        "GET": "login 200 403 403 403 403",
        "POST": "login 302 403 403 403 403",
    },
    "articles.delete@draft": {  # /articles/2/delete
        "GET": "login 200 404 404 404 404",
        "POST": "login 302 404 404 404 404",
    },
    "articles.diff": {"GET": "200 200 200 200 200 200"},  # /articles/1/diff
    "articles.diff@draft": {"GET": "404 200 404 404 404 404"},  # /articles/2/diff
    "articles.edit": {  # /articles/1/edit
        "GET": "login 200 403 403 200 200",
        "POST": "login 200 403 403 200 200",
    },
    "articles.edit@draft": {  # /articles/2/edit
        "GET": "login 200 404 404 404 404",
        "POST": "login 200 404 404 404 404",
    },
    "articles.edit@other": {  # /articles/3/edit
        "GET": "login 403 403 403 200 200",
        "POST": "login 403 403 403 200 200",
    },
    "articles.helpful": {"POST": "login 403 302 302 302 302"},  # /articles/1/helpful
    "articles.helpful@other": {"POST": "login 302 302 302 302 302"},  # /articles/3/helpful
    "articles.history": {"GET": "200 200 200 200 200 200"},  # /articles/1/history
    "articles.history@draft": {"GET": "404 200 404 404 404 404"},  # /articles/2/history
    "articles.publish_draft": {"POST": "login 302 403 403 302 302"},  # /articles/1/publish
    "articles.publish_draft@draft": {"POST": "login 302 404 404 404 404"},  # /articles/2/publish
    "articles.restore": {"POST": "login 302 403 403 302 302"},  # /articles/1/revisions/1/restore
    "articles.unpublish_article": {"POST": "login 302 403 403 302 302"},  # /articles/1/unpublish
    "articles.by_author": {"GET": "200 200 200 200 200 200"},  # /articles/authors/1
    "articles.feed": {"GET": "200 200 200 200 200 200"},  # /articles/feed.atom
    "articles.guides": {"GET": "200 200 200 200 200 200"},  # /articles/guides
    "articles.mine": {"GET": "login 200 200 200 200 200"},  # /articles/mine
    "articles.new": {  # /articles/new
        "GET": "login 200 200 200 200 200",
        "POST": "login 200 200 200 200 200",
    },
    "articles.preview": {"POST": "login 200 200 200 200 200"},  # /articles/preview
    "articles.by_tag": {"GET": "200 200 200 200 200 200"},  # /articles/tags/starten
    "articles.by_topic": {"GET": "200 200 200 200 200 200"},  # /articles/topics/pricing
    "articles.topic_feed": {"GET": "200 200 200 200 200 200"},  # /articles/topics/pricing/feed.atom
    "bootstrap.static": {
        "GET": "200 200 200 200 200 200"
    },  # /bootstrap/static/css/bootstrap.min.css
    "connections.inbox": {"GET": "login 200 200 200 200 200"},  # /connections/
    "connections.show_request": {"GET": "login 200 404 404 404 404"},  # /connections/1
    "connections.accept": {"POST": "login 403 404 404 404 404"},  # /connections/1/accept
    "connections.decline": {"POST": "login 403 404 404 404 404"},  # /connections/1/decline
    "connections.write_message": {"POST": "login 200 404 404 404 404"},  # /connections/1/messages
    "connections.report": {"POST": "login 200 404 404 404 404"},  # /connections/1/report
    "connections.withdraw": {"POST": "login 302 404 404 404 404"},  # /connections/1/withdraw
    "connections.block": {"POST": "login 403 302 302 302 302"},  # /connections/block/1
    "connections.block@other": {"POST": "login 302 302 302 302 302"},  # /connections/block/2
    "connections.find_mentor": {"GET": "200 200 200 200 200 200"},  # /connections/mentors
    "connections.mentorships": {"GET": "login 200 200 200 200 200"},  # /connections/mentorships
    "connections.show_mentorship": {
        "GET": "login 200 404 404 404 404"
    },  # /connections/mentorships/1
    "connections.appreciate": {
        "POST": "login 200 404 404 404 404"
    },  # /connections/mentorships/1/appreciation
    "connections.appreciation_visibility": {
        "POST": "login 403 404 404 404 404"
    },  # /connections/mentorships/1/appreciation/visibility
    "connections.close": {"POST": "login 200 404 404 404 404"},  # /connections/mentorships/1/close
    "connections.edit_goals": {
        "POST": "login 200 404 404 404 404"
    },  # /connections/mentorships/1/goals
    "connections.write_note": {
        "POST": "login 200 404 404 404 404"
    },  # /connections/mentorships/1/notes
    "connections.new_request": {  # /connections/new/1
        "GET": "login 403 200 200 200 200",
        "POST": "login 403 200 200 200 200",
    },
    "connections.new_request@other": {  # /connections/new/2
        "GET": "login 200 200 200 200 200",
        "POST": "login 200 200 200 200 200",
    },
    "connections.reports": {"GET": "login 403 403 403 200 200"},  # /connections/reports
    "connections.resolve_report": {
        "POST": "login 403 403 403 302 302"
    },  # /connections/reports/1/resolve
    "connections.settings": {  # /connections/settings
        "GET": "login 200 200 200 200 200",
        "POST": "login 302 302 302 302 302",
    },
    "connections.unblock": {"POST": "login 302 302 302 302 302"},  # /connections/unblock/1
    "guidance.offices": {"GET": "200 200 200 200 200 200"},  # /guidance/
    "guidance.adviser": {"GET": "404 200 200 200 200 200"},  # /guidance/advisers/2
    "guidance.book_slot": {  # /guidance/advisers/2/book
        "GET": "login 403 200 200 200 200",
        "POST": "login 403 200 200 200 200",
    },
    "guidance.agenda": {"GET": "login 200 403 403 200 403"},  # /guidance/agenda
    "guidance.appointment": {"GET": "login 200 404 404 200 200"},  # /guidance/appointments/1
    "guidance.change_appointment": {
        "POST": "login 400 404 404 400 403"
    },  # /guidance/appointments/1/change
    "guidance.appointment_feedback": {
        "POST": "login 400 404 404 403 403"
    },  # /guidance/appointments/1/feedback
    "guidance.ask_question": {  # /guidance/ask
        "GET": "login 200 200 200 200 200",
        "POST": "login 200 200 200 200 200",
    },
    "guidance.my_profile": {  # /guidance/me
        "GET": "login 403 403 403 200 200",
        "POST": "login 403 403 403 200 200",
    },
    "guidance.delete_absence": {
        "POST": "login 302 403 403 404 403"
    },  # /guidance/me/absences/1/delete
    "guidance.my_hours": {  # /guidance/me/hours
        "GET": "login 200 403 403 200 403",
        "POST": "login 200 403 403 200 403",
    },
    "guidance.delete_hours": {"POST": "login 302 403 403 404 403"},  # /guidance/me/hours/1/delete
    "guidance.mine": {"GET": "login 200 200 200 200 200"},  # /guidance/mine
    "guidance.edit_office": {  # /guidance/offices/1/edit
        "GET": "login 403 403 403 200 200",
        "POST": "login 403 403 403 200 200",
    },
    "guidance.new_office": {  # /guidance/offices/new
        "GET": "login 403 403 403 200 200",
        "POST": "login 403 403 403 200 200",
    },
    "guidance.peers": {  # /guidance/peers
        "GET": "login 403 403 403 200 200",
        "POST": "login 403 403 403 200 200",
    },
    "guidance.revoke_peer": {"POST": "login 403 403 403 302 302"},  # /guidance/peers/2/revoke
    "guidance.presence": {"GET": "login 403 403 403 200 200"},  # /guidance/presence
    "guidance.question": {"GET": "login 200 404 404 200 200"},  # /guidance/questions/1
    "guidance.assign_question": {
        "POST": "login 403 403 403 400 400"
    },  # /guidance/questions/1/assign
    "guidance.question_feedback": {
        "POST": "login 403 404 404 403 403"
    },  # /guidance/questions/1/feedback
    "guidance.answer_question": {
        "POST": "login 400 404 404 400 403"
    },  # /guidance/questions/1/messages
    "guidance.propose_appointment": {
        "POST": "login 403 404 404 302 403"
    },  # /guidance/questions/1/propose
    "guidance.queue": {"GET": "login 403 403 403 200 200"},  # /guidance/queue
    "main.set_language": {"POST": "400 400 400 400 400 400"},  # /language
    "accounts.login": {  # /login
        "GET": "200 302 302 302 302 302",
        "POST": "200 302 302 302 302 302",
    },
    "accounts.logout": {"POST": "login 302 302 302 302 302"},  # /logout
    "members.directory": {"GET": "200 200 200 200 200 200"},  # /members/
    "members.profile": {"GET": "200 200 200 200 200 200"},  # /members/1
    "members.photo": {"GET": "404 404 404 404 404 404"},  # /members/1/photo/no-such-token-200.webp
    "members.my_profile": {"GET": "login 302 302 302 302 302"},  # /members/me
    "members.edit": {  # /members/me/edit
        "GET": "login 200 200 200 200 200",
        "POST": "login 200 200 200 200 200",
    },
    "members.upload_photo": {"POST": "login 302 302 302 302 302"},  # /members/me/photo
    "members.delete_photo": {"POST": "login 302 302 302 302 302"},  # /members/me/photo/delete
    "members.onboarding": {  # /members/welcome
        "GET": "login 200 200 200 200 200",
        "POST": "login 200 200 200 200 200",
    },
    "needs.board": {"GET": "200 200 200 200 200 200"},  # /needs/
    "needs.show": {"GET": "login 200 200 200 200 200"},  # /needs/1
    "needs.delete": {"POST": "login 302 403 403 302 302"},  # /needs/1/delete
    "needs.edit": {  # /needs/1/edit
        "GET": "login 200 403 403 403 403",
        "POST": "login 200 403 403 403 403",
    },
    "needs.respond": {"POST": "login 403 200 200 200 200"},  # /needs/1/responses
    "needs.delete_response": {"POST": "login 403 403 403 302 302"},  # /needs/1/responses/1/delete
    "needs.mark_helped": {"POST": "login 302 403 403 403 403"},  # /needs/1/responses/1/helped
    "needs.change_status": {"POST": "login 200 403 403 403 403"},  # /needs/1/status
    "needs.mine": {"GET": "login 200 200 200 200 200"},  # /needs/mine
    "needs.new": {  # /needs/new
        "GET": "login 200 200 403 200 200",
        "POST": "login 200 200 403 200 200",
    },
    "needs.radar": {"GET": "login 403 403 403 200 200"},  # /needs/radar
    "needs.radar_download": {"GET": "login 403 403 403 200 200"},  # /needs/radar.csv
    "notifications.index": {"GET": "login 200 200 200 200 200"},  # /notifications/
    "notifications.open_notification": {
        "POST": "login 302 404 404 404 404"
    },  # /notifications/1/open
    "notifications.mark_read": {"POST": "login 302 404 404 404 404"},  # /notifications/1/read
    "notifications.mark_all_read": {"POST": "login 302 302 302 302 302"},  # /notifications/read-all
    "pages.show": {"GET": "200 200 200 200 200 200"},  # /pages/privacy
    "partners.index": {"GET": "200 200 200 200 200 200"},  # /partners/
    "partners.show": {"GET": "404 200 200 200 200 200"},  # /partners/1
    "partners.logo": {"GET": "404 404 404 404 404 404"},  # /partners/1/logo/no-such-token-200.webp
    "partners.unverify": {"POST": "login 403 403 403 302 302"},  # /partners/1/unverify
    "partners.verify": {"POST": "login 403 403 403 302 302"},  # /partners/1/verify
    "partners.mine": {"GET": "login 403 403 302 403 403"},  # /partners/me
    "partners.edit": {  # /partners/me/edit
        "GET": "login 403 403 200 403 403",
        "POST": "login 403 403 200 403 403",
    },
    "partners.upload_logo": {"POST": "login 403 403 302 403 403"},  # /partners/me/logo
    "partners.delete_logo": {"POST": "login 403 403 302 403 403"},  # /partners/me/logo/delete
    "partners.offers": {"GET": "200 200 200 200 200 200"},  # /partners/offers
    "partners.offer": {"GET": "404 200 200 200 200 200"},  # /partners/offers/1
    "partners.delete_offer": {"POST": "login 403 403 302 403 403"},  # /partners/offers/1/delete
    "partners.edit_offer": {  # /partners/offers/1/edit
        "GET": "login 403 403 200 403 403",
        "POST": "login 403 403 200 403 403",
    },
    "partners.new_offer": {  # /partners/offers/new
        "GET": "login 403 403 200 403 403",
        "POST": "login 403 403 200 403 403",
    },
    "partners.register": {  # /partners/register
        "GET": "200 302 302 302 302 302",
        "POST": "200 302 302 302 302 302",
    },
    "partners.review": {"GET": "login 403 403 403 200 200"},  # /partners/review
    "accounts.forgot_password": {  # /password/forgot
        "GET": "200 200 200 200 200 200",
        "POST": "200 200 200 429 429 429",
    },
    "accounts.reset_password": {  # /password/reset/no-such-token
        "GET": "400 400 400 400 400 400",
        "POST": "400 400 400 400 400 400",
    },
    "places.suggest": {"GET": "200 200 200 200 200 200"},  # /places/suggest
    "accounts.register": {  # /register
        "GET": "200 302 302 302 302 302",
        "POST": "200 302 302 302 302 302",
    },
    "search.index": {"GET": "200 200 200 200 200 200"},  # /search/
    "search.suggest": {"GET": "200 200 200 200 200 200"},  # /search/suggest
    "sessions.agenda": {"GET": "200 200 200 200 200 200"},  # /sessions/
    "sessions.show": {"GET": "200 200 200 200 200 200"},  # /sessions/1
    "sessions.download": {"GET": "200 200 200 200 200 200"},  # /sessions/1.ics
    "sessions.cancel": {"POST": "login 302 403 403 302 302"},  # /sessions/1/cancel
    "sessions.edit": {  # /sessions/1/edit
        "GET": "login 200 403 403 200 200",
        "POST": "login 200 403 403 200 200",
    },
    "sessions.message": {"POST": "login 200 403 403 200 200"},  # /sessions/1/message
    "sessions.participants": {  # /sessions/1/participants
        "GET": "login 200 403 403 200 200",
        "POST": "login 302 403 403 302 302",
    },
    "sessions.register_for": {"POST": "login 302 302 302 302 302"},  # /sessions/1/register
    "sessions.unregister": {"POST": "login 302 302 302 302 302"},  # /sessions/1/unregister
    "sessions.private_feed": {"GET": "404 404 404 404 404 404"},  # /sessions/feed/no-such-token.ics
    "sessions.renew": {"POST": "login 302 302 302 302 302"},  # /sessions/feed/renew
    "sessions.mine": {"GET": "login 200 200 200 200 200"},  # /sessions/mine
    "sessions.new": {  # /sessions/new
        "GET": "login 200 200 200 200 200",
        "POST": "login 200 200 200 200 200",
    },
    "sessions.public_feed": {"GET": "200 200 200 200 200 200"},  # /sessions/public.ics
    "accounts.settings": {"GET": "login 200 200 200 200 200"},  # /settings
    "accounts.delete_account": {  # /settings/delete
        "GET": "login 200 200 200 200 200",
        "POST": "login 200 200 200 200 200",
    },
    "accounts.change_email": {  # /settings/email
        "GET": "login 200 200 200 200 200",
        "POST": "login 200 200 200 200 200",
    },
    "accounts.export_data": {"GET": "login 200 200 200 200 200"},  # /settings/export
    "accounts.change_password": {  # /settings/password
        "GET": "login 200 200 200 200 200",
        "POST": "login 200 200 200 200 200",
    },
    "accounts.preferences": {"POST": "login 400 400 400 400 400"},  # /settings/preferences
    "skills.community": {"GET": "login 403 403 403 200 200"},  # /skills/community
    "skills.merge": {"POST": "login 403 403 403 404 404"},  # /skills/community/1/merge
    "skills.promote": {"POST": "login 403 403 403 404 404"},  # /skills/community/1/promote
    "skills.suggest": {"GET": "200 200 200 200 200 200"},  # /skills/suggest
    "static": {"GET": "200 200 200 200 200 200"},  # /static/css/gilde.css
    "accounts.verify_email": {"GET": "login 302 302 302 302 302"},  # /verify/no-such-token
    "accounts.resend_verification": {"POST": "login 302 302 302 302 302"},  # /verify/again
    "circles.directory": {"GET": "200 200 200 200 200 200"},  # /circles/
    "circles.show": {"GET": "404 200 200 200 200 200"},  # /circles/1
    "circles.close": {"POST": "login 302 403 403 302 302"},  # /circles/1/close
    "circles.edit": {  # /circles/1/edit
        "GET": "login 200 403 403 200 200",
        "POST": "login 200 403 403 200 200",
    },
    "circles.join_circle": {"POST": "login 302 302 302 302 302"},  # /circles/1/join
    "circles.leave_circle": {"POST": "login 302 302 302 302 302"},  # /circles/1/leave
    "circles.new_meeting": {  # /circles/1/meetings/new
        "GET": "login 200 403 403 200 200",
        "POST": "login 200 403 403 200 200",
    },
    "circles.post": {"POST": "login 302 403 403 302 302"},  # /circles/1/messages
    "circles.delete_message": {"POST": "login 302 403 403 302 302"},  # /circles/1/messages/1/delete
    "circles.answer_request": {"POST": "login 404 403 403 404 404"},  # /circles/1/requests/2/accept
    "circles.new": {  # /circles/new
        "GET": "login 200 200 200 200 200",
        "POST": "login 200 200 200 200 200",
    },
    "accounts.two_factor_login": {  # /login/code
        "GET": "login 302 302 302 302 302",
        "POST": "login 302 302 302 302 302",
    },
    "proposals.me_too": {"POST": "login 403 302 403 302 302"},  # /needs/1/me-too
    "proposals.take_back_me_too": {"POST": "login 302 302 302 302 302"},  # /needs/1/me-too/delete
    "proposals.merge": {"POST": "login 403 403 403 302 302"},  # /needs/1/merge
    "needs.radar_trends_csv": {"GET": "login 403 403 403 200 200"},  # /needs/radar/months.csv
    "needs.radar_trends_json": {"GET": "login 403 403 403 200 200"},  # /needs/radar/trends.json
    "proposals.proposals": {"GET": "200 200 200 200 200 200"},  # /proposals/
    "proposals.show": {"GET": "200 200 200 200 200 200"},  # /proposals/1
    "proposals.comment": {"POST": "login 422 422 422 422 422"},  # /proposals/1/comments
    "proposals.delete_comment": {
        "POST": "login 302 403 403 302 302"
    },  # /proposals/1/comments/1/delete
    "proposals.delete": {"POST": "login 302 403 403 302 302"},  # /proposals/1/delete
    "proposals.edit": {  # /proposals/1/edit
        "GET": "login 200 403 403 200 200",
        "POST": "login 422 403 403 422 422",
    },
    "proposals.change_status": {"POST": "login 403 403 403 422 422"},  # /proposals/1/status
    "proposals.support": {"POST": "login 302 302 403 302 302"},  # /proposals/1/support
    "proposals.withdraw_support": {
        "POST": "login 302 302 302 302 302"
    },  # /proposals/1/support/delete
    "proposals.new": {  # /proposals/new
        "GET": "login 200 200 403 200 200",
        "POST": "login 422 422 403 422 422",
    },
    "proposals.roadmap": {"GET": "200 200 200 200 200 200"},  # /roadmap
    "accounts.sign_ins": {"GET": "login 200 200 200 200 200"},  # /settings/sign-ins
    "accounts.end_sign_in": {"POST": "login 302 404 404 404 404"},  # /settings/sign-ins/1/end
    "accounts.end_other_sign_ins": {
        "POST": "login 302 302 302 302 302"
    },  # /settings/sign-ins/end-others
    "accounts.two_factor": {"GET": "login 200 200 200 200 200"},  # /settings/two-factor
    "accounts.two_factor_confirm": {  # /settings/two-factor/confirm
        "GET": "login 200 302 302 302 302",
        "POST": "login 400 302 302 302 302",
    },
    "accounts.two_factor_disable": {
        "POST": "login 302 302 302 302 302"
    },  # /settings/two-factor/disable
    "accounts.recovery_codes": {
        "POST": "login 302 302 302 302 302"
    },  # /settings/two-factor/recovery-codes
    "accounts.two_factor_start": {
        "POST": "login 400 400 400 400 400"
    },  # /settings/two-factor/start
    "skills.add_sector_view": {"POST": "login 403 403 403 400 400"},  # /skills/sectors
    "skills.sectors": {"GET": "login 403 403 403 200 200"},  # /skills/sectors
    "skills.merge_sector_view": {"POST": "login 403 403 403 400 400"},  # /skills/sectors/2/merge
    "skills.rename_sector_view": {"POST": "login 403 403 403 400 400"},  # /skills/sectors/2/rename
    "accounts.invite": {  # /staff/invitations
        "GET": "login 403 403 403 200 200",
        "POST": "login 403 403 403 400 400",
    },
    "api.map_features": {"GET": "200 200 200 200 200 200"},  # /api/v1/map
    "map.index": {"GET": "200 200 200 200 200 200"},  # /map/
    "map.vendor": {"GET": "200 200 200 200 200 200"},  # /map/vendor/leaflet/leaflet.css
}

# Which object a variant of a route is about: argument -> key of the scene's values.
VARIANTS: dict[str, dict[str, str]] = {
    "articles.show@draft": {"article_id": "draft_id"},
    "articles.diff@draft": {"article_id": "draft_id"},
    "articles.history@draft": {"article_id": "draft_id"},
    "articles.edit@draft": {"article_id": "draft_id"},
    "articles.publish_draft@draft": {"article_id": "draft_id"},
    "articles.delete@draft": {"article_id": "draft_id"},
    "articles.delete_comment": {"article_id": "bo_article_id"},
    "articles.helpful@other": {"article_id": "bo_article_id"},
    "articles.edit@other": {"article_id": "bo_article_id"},
    "connections.new_request@other": {"profile_id": "bo_profile_id"},
    "connections.block@other": {"user_id": "bo_id"},
    "pages.show": {"slug": "page_slug"},
    "bootstrap.static": {"filename": "css/bootstrap.min.css"},
    "map.vendor": {"package": "leaflet", "filename": "leaflet.css"},
    "proposals.delete_comment": {
        "proposal_id": "bo_proposal_id",
        "comment_id": "proposal_comment_id",
    },
}
LITERALS = {"css/bootstrap.min.css", "leaflet", "leaflet.css"}

STATE_CHANGING = ("POST",)  # the only one routed (test_no_route_takes_put_patch_or_delete)
REFUSED = {"login", "403", "404", "405"}


def answer(response) -> str:
    """The class of a response, as the table writes it."""
    if response.status_code in (301, 302, 303, 307, 308):
        location = response.headers.get("Location", "")
        return "login" if location.split("?")[0].endswith("/login") else "302"
    return str(response.status_code)


class Writes:
    """The INSERT, UPDATE and DELETE statements sent to the database while it listens."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.statements: list[str] = []
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, _connection, _cursor, statement, *_args) -> None:
        if statement.lstrip()[:6].upper() in ("INSERT", "UPDATE", "DELETE"):
            self.statements.append(" ".join(statement.split()[:3]))

    def take(self) -> list[str]:
        taken, self.statements = self.statements, []
        return taken

    def close(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._seen)


class Site:
    """The app with its scene, a client per role, and a way back to the scene's state."""

    def __init__(self, app, tmp_path: Path) -> None:
        self.app = app
        self.values = build_access_scene()
        self.clients = sign_in(app)
        self.path = Path(db.engine.url.database)
        self.backup = tmp_path / "scene.db"
        self._checkpoint()
        shutil.copyfile(self.path, self.backup)
        self.state = snapshot()
        self.tokens = {role: self.token(role) for role in ROLES}
        self.cookies = {role: list(c._cookies.values()) for role, c in self.clients.items()}

    def _checkpoint(self) -> None:
        db.session.remove()
        db.engine.dispose()  # the last connection's close moves the WAL into the file

    def token(self, role: str) -> str:
        from tests.helpers import csrf_token

        return csrf_token(self.clients[role], "/login" if role == "anonymous" else "/")

    def restore(self) -> None:
        """The scene's database again, every role signed in again."""
        self._checkpoint()
        for suffix in ("-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(self.backup, self.path)
        for role, client in self.clients.items():
            # The restored database knows the sessions of the scene's sign-ins: their cookies
            # sign the roles in again (and keep their CSRF tokens valid).
            for cookie in list(client._cookies.values()):
                client.delete_cookie(cookie.key, domain=cookie.domain, path=cookie.path)
            for cookie in self.cookies[role]:
                client.set_cookie(cookie.key, cookie.value, domain=cookie.domain, path=cookie.path)

    def url(self, rule, variant: str) -> str:
        names = {**VARIANTS.get(variant, {})}
        values = {}
        for argument in rule.arguments:
            key = names.get(argument, argument)
            values[argument] = key if key in LITERALS else self.values[key]
        with self.app.test_request_context():
            return url_for(rule.endpoint, **values)


def routes(app) -> list[tuple[str, object, str]]:
    """(table key, rule, method) for every rule and method of the URL map, with variants."""
    found = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint)):
        keys = [rule.endpoint] + [
            variant for variant in VARIANTS if variant.startswith(f"{rule.endpoint}@")
        ]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            found.extend((key, rule, method) for key in keys)
    return found


def refused_by_router(router, url: str, method: str) -> bool:
    """Whether the URL map answers 405 (``GET /verify/again`` is a token, so it does not)."""
    try:
        router.match(url.split("?")[0], method)
    except MethodNotAllowed:
        return True
    return False


def send(client, method: str, url: str, token: str | None):
    """``method`` to ``url``; a state-changing one with ``token`` as its only field."""
    data = {"csrf_token": token} if token else {}
    if method == "GET":
        return client.get(url)
    return client.open(url, method=method, data=data)


def test_no_route_takes_put_patch_or_delete(app):
    """Forms send GET and POST only: any other method is a 405 from the router."""
    others = [
        (rule.rule, sorted(rule.methods & {"PUT", "PATCH", "DELETE"}))
        for rule in app.url_map.iter_rules()
        if rule.methods & {"PUT", "PATCH", "DELETE"}
    ]
    assert not others


def test_every_route_answers_each_role_as_the_matrix_says(app, world, database_url, tmp_path):
    if not database_url.startswith("sqlite"):
        pytest.skip("the matrix puts the database back by copying the SQLite file")
    site = Site(app, tmp_path)
    # Who may do what does not depend on the index; a commit to it after each save is slow.
    app.config["SEARCH_INDEX_ON_COMMIT"] = False
    writes = Writes(db.engine)
    failures: list[str] = []
    missing: list[str] = []
    seen: set[str] = set()
    try:
        for key, rule, method in routes(app):
            seen.add(key)
            url = site.url(rule, key)
            answers = []
            for role in ROLES:
                writes.take()
                with send(site.clients[role], method, url, site.tokens[role]) as response:
                    got = answer(response)
                    status = response.status_code
                written = writes.take()
                answers.append(got)
                if status >= 500:
                    failures.append(f"{method} {url} as {role}: {status}")
                if written and (method == "GET" or got in REFUSED):
                    failures.append(f"{method} {url} as {role} ({got}) wrote: {written[:3]}")
                if written and method != "GET":
                    site.restore()
                    writes.take()
            if method in STATE_CHANGING:
                # Without a token: refused before the view, whoever sends it.
                for role in ("owner",):  # CSRFProtect checks every request alike
                    with send(site.clients[role], method, url, None) as response:
                        got = answer(response)
                    if got != "400" or writes.take():
                        failures.append(f"{method} {url} as {role} without a CSRF token: {got}")
            expected = MATRIX.get(key, {}).get(method)
            line = f'"{key}": {{"{method}": "{" ".join(answers)}"}},  # {url}'
            if expected is None:
                missing.append(line)
            elif expected.split() != answers:
                failures.append(f"{method} {url}: expected {expected!r}, got {line}")
        router = app.url_map.bind("localhost")
        for rule in app.url_map.iter_rules():
            url = site.url(rule, rule.endpoint)
            for method in sorted({"GET", "POST"} - rule.methods):
                if not refused_by_router(router, url, method):
                    continue
                token = site.tokens["anonymous"]
                with send(site.clients["anonymous"], method, url, token) as response:
                    status = response.status_code
                if status != 405 or writes.take():
                    failures.append(f"{method} {url}: {status}, not 405")
        # What the listener might not see (a write through another engine) shows here.
        changed = snapshot() != site.state
    finally:
        writes.close()
    stale = sorted(set(MATRIX) - seen)
    assert not missing, "routes missing from the matrix:\n" + "\n".join(missing)
    assert not stale, f"entries for routes the app no longer has: {stale}"
    assert not failures, "\n".join(failures)
    assert not changed, "the database changed during requests that may not change it"


def unlisted(app) -> list[str]:
    """Route and method pairs of the URL map that the matrix has no answer for."""
    return [
        f"{key} {method}" for key, _rule, method in routes(app) if method not in MATRIX.get(key, {})
    ]


def test_the_matrix_lists_every_route_and_a_new_one_is_named(app):
    assert unlisted(app) == []

    @app.get("/brand-new")
    def brand_new():
        return "new"

    assert unlisted(app) == ["brand_new GET"]
