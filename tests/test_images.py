"""Profile photos and partner logos: re-encoded without metadata, limits, visibility."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image
from sqlalchemy import select

from app import images
from app.extensions import db
from app.members.models import Profile, Visibility
from tests.conftest import AuthActions
from tests.helpers import make_user, post_form
from tests.test_members import make_profile


def picture(fmt="JPEG", size=(800, 600), exif=True) -> bytes:
    image = Image.new("RGB", size, (200, 40, 40))
    buffer = io.BytesIO()
    options = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "SecretCam"  # Make
        data[0x8825] = {2: (50.0, 51.0, 0.0)}  # GPS latitude
        options["exif"] = data
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def upload(client, data: bytes, name="me.jpg", url="/members/me/photo", page="/members/me/edit"):
    return post_form(
        client,
        url,
        {"picture": (io.BytesIO(data), name)},
        page=page,
        content_type="multipart/form-data",
        follow_redirects=True,
    )


@pytest.fixture
def member(client, world):
    user = make_user()
    profile = make_profile(user, visibility=Visibility.MEMBERS)
    AuthActions(client).login()
    return profile


def test_a_photo_is_stored_as_webp_without_metadata(client, member):
    original = picture()
    assert b"SecretCam" in original
    response = upload(client, original)
    assert "Your photo is saved." in response.get_data(as_text=True)
    db.session.refresh(member)
    assert images.valid_token(member.photo)
    for size, pixels in images.SIZES.items():
        stored = images.file_path("photos", member.photo, size).read_bytes()
        assert b"SecretCam" not in stored
        image = Image.open(io.BytesIO(stored))
        assert image.format == "WEBP" and image.size == (pixels, pixels)
        assert not image.getexif() and "exif" not in image.info
    served = client.get(f"/members/{member.id}/photo/{member.photo}-small.webp")
    assert served.status_code == 200
    assert served.mimetype == "image/webp"
    assert "max-age=31536000" in served.headers["Cache-Control"]
    assert "private" in served.headers["Cache-Control"]
    served.close()
    page = client.get(f"/members/{member.id}").get_data(as_text=True)
    assert f"/members/{member.id}/photo/{member.photo}-large.webp" in page


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_are_accepted(client, member, fmt):
    upload(client, picture(fmt, exif=False), name="me." + fmt.lower())
    db.session.refresh(member)
    assert member.photo


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"GIF89a not really a picture", "This is not a JPEG, PNG or WebP picture."),
        (b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", "This is not a JPEG, PNG or WebP"),
        (picture(size=(10, 10))[:200], "This is not a JPEG, PNG or WebP picture."),
        (b"", "Choose a picture to upload."),
        (b"x" * 2_000_100, "The picture is too large: at most 2 MB."),
    ],
)
def test_what_is_not_a_picture_is_refused(client, member, data, message):
    response = upload(client, data)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    db.session.refresh(member)
    assert member.photo is None


def test_a_50_megapixel_picture_is_refused(client, member):
    # A PNG of one colour compresses to a few kilobytes: a decompression bomb in small.
    big = Image.new("L", (10_000, 5_000))
    buffer = io.BytesIO()
    big.save(buffer, "PNG")
    assert len(buffer.getvalue()) < 2_000_000
    response = upload(client, buffer.getvalue(), name="bomb.png")
    assert "too many pixels" in response.get_data(as_text=True)
    db.session.refresh(member)
    assert member.photo is None


def test_a_decompression_bomb_is_refused_by_pillow_too(app, monkeypatch):
    monkeypatch.setattr(images, "MAX_PIXELS", 10**12)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_000_000)
    with pytest.raises(images.ImageRefused, match="pixels"):
        images.encode_sizes(picture(size=(1500, 1000), exif=False))


def test_a_huge_upload_is_refused_before_it_is_read(client, member):
    # Refused on its announced length, before anything of it is parsed or stored.
    response = client.post(
        "/members/me/photo",
        data=b"x" * (3 * 1024 * 1024),
        content_type="multipart/form-data; boundary=gilde",
    )
    assert response.status_code == 413
    assert not (images.upload_dir() / "photos").exists()


@pytest.mark.parametrize(
    ("visibility", "anonymous", "member"),
    [
        (Visibility.PUBLIC, 200, 200),
        (Visibility.MEMBERS, 404, 200),
        (Visibility.HIDDEN, 404, 404),
    ],
)
def test_a_photo_follows_the_profile_visibility(client, app, world, visibility, anonymous, member):
    owner = make_user("bo@example.org", "Bo")
    profile = make_profile(owner, visibility=visibility)
    with app.test_request_context():
        profile.photo = images.store("photos", picture())
    db.session.commit()
    url = f"/members/{profile.id}/photo/{profile.photo}-large.webp"

    def status() -> int:
        response = client.get(url)
        response.close()
        return response.status_code

    assert status() == anonymous
    make_user()
    AuthActions(client).login()
    assert status() == member
    # Only the current token names a file; a guessed or old one finds nothing.
    assert client.get(f"/members/{profile.id}/photo/{'0' * 32}-large.webp").status_code == 404
    assert client.get(f"/members/{profile.id}/photo/{profile.photo}-huge.webp").status_code == 404


def test_the_owner_sees_a_hidden_profile_photo(client, world):
    user = make_user()
    profile = make_profile(user, visibility=Visibility.HIDDEN)
    AuthActions(client).login()
    upload(client, picture())
    db.session.refresh(profile)
    response = client.get(f"/members/{profile.id}/photo/{profile.photo}-large.webp")
    response.close()
    assert response.status_code == 200


def test_a_new_photo_replaces_the_old_files_and_removing_deletes_them(client, member):
    upload(client, picture())
    db.session.refresh(member)
    first = member.photo
    upload(client, picture("PNG", exif=False))
    db.session.refresh(member)
    assert member.photo != first
    assert not images.file_path("photos", first, "large").exists()
    post_form(client, "/members/me/photo/delete", page="/members/me/edit")
    db.session.refresh(member)
    assert member.photo is None
    assert not list((images.upload_dir() / "photos").iterdir())


def test_without_a_photo_an_initial_avatar_shows(client, member):
    page = client.get(f"/members/{member.id}").get_data(as_text=True)
    assert '<svg class="avatar"' in page and ">A</text>" in page
    directory = client.get("/members/").get_data(as_text=True)
    assert '<svg class="avatar"' in directory


def test_the_export_lists_and_deletion_removes_the_files(client, member):
    upload(client, picture())
    db.session.refresh(member)
    token = member.photo
    exported = json.loads(client.get("/settings/export").get_data(as_text=True))
    assert exported["profile"]["photo"] == token
    assert exported["profile"]["photo_files"] == [
        f"photos/{token}-large.webp",
        f"photos/{token}-small.webp",
    ]
    response = post_form(
        client,
        "/settings/delete",
        {"current": "paardenbloem-regenjas-17", "writing": "delete", "confirm": "y"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.scalar(select(Profile)) is None
    assert not images.file_path("photos", token, "large").exists()
    assert not images.file_path("photos", token, "small").exists()


def test_a_partner_logo_is_uploaded_and_served(client, world):
    from tests.test_partners import make_partner

    partner = make_partner("org@example.org", "De Werkplaats", verified=True)
    AuthActions(client).login("org@example.org")
    response = upload(
        client, picture("PNG", (600, 200)), "logo.png", "/partners/me/logo", "/partners/me/edit"
    )
    assert "The logo is saved." in response.get_data(as_text=True)
    db.session.refresh(partner)
    with Image.open(images.file_path("logos", partner.logo, "large")) as stored:
        assert stored.size == (256, 256) and stored.format == "WEBP"
    AuthActions(client).logout()
    served = client.get(f"/partners/{partner.id}/logo/{partner.logo}-large.webp")
    assert served.status_code == 200 and "public" in served.headers["Cache-Control"]
    served.close()
    assert f"/partners/{partner.id}/logo/{partner.logo}-large.webp" in client.get(
        f"/partners/{partner.id}"
    ).get_data(as_text=True)


def test_a_result_card_shows_the_photo(client, member):
    upload(client, picture())
    db.session.refresh(member)
    directory = client.get("/members/").get_data(as_text=True)
    assert f"/members/{member.id}/photo/{member.photo}-small.webp" in directory
