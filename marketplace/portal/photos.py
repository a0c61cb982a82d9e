"""Photos of a cooperative's shop: a product's (up to 8) and the cooperative's profile photos,
position 0 the cover."""
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from marketplace import media
from marketplace.catalog.models import ProductImage, ProductStatus
from marketplace.catalog.photos import UploadError, open_image
from marketplace.extensions import db
from marketplace.portal.services import PortalError
from marketplace.producers.models import CooperativePhoto

MAX_PHOTOS = 8


@dataclass
class Album:
    photos: list  # the ORM collection, ordered by position
    folder: str  # under UPLOAD_DIR (media.save_variants)
    make: type  # the photo model
    owner: dict  # the photo's foreign key, e.g. {"product_id": 3}
    keep_one: bool = False  # a published product may not lose its last photo
    cover_changed: object = None  # called after the order changes (cooperatives keep photo_stem)


def product_album(product):
    return Album(product.images, "products", ProductImage, {"product_id": product.id},
                 keep_one=product.status == ProductStatus.PUBLISHED)


def cooperative_album(cooperative):
    def sync_cover():
        cooperative.photo_stem = cooperative.photos[0].stem if cooperative.photos else None

    return Album(cooperative.photos, "cooperatives", CooperativePhoto, {"cooperative_id": cooperative.id},
                 cover_changed=sync_cover)


def _renumber(album):
    for position, photo in enumerate(album.photos):
        photo.position = position
    if album.cover_changed:
        album.cover_changed()


def _checked_images(uploads):
    """Decode every upload first: nothing is stored unless all of them are good photos."""
    images = []
    for name, data in uploads:
        try:
            images.append(open_image(data))
        except UploadError as error:
            raise PortalError(_l("%(name)s: %(problem)s", name=name or _l("the file"), problem=error.message), "photos")
    return images


def add_photos(album, uploads):
    """Add photos (a list of (file name, bytes)) at the end of the album."""
    if not uploads:
        raise PortalError(_l("Choose one or more photos."), "photos")
    room = MAX_PHOTOS - len(album.photos)
    if len(uploads) > room:
        raise PortalError(_l("At most %(max)s photos: you can add %(room)s more.", max=MAX_PHOTOS, room=max(room, 0)), "photos")
    for image in _checked_images(uploads):
        stem = media.save_variants(image, album.folder)
        album.photos.append(album.make(stem=stem, width=image.width, height=image.height, **album.owner))
    _renumber(album)
    db.session.commit()


def replace_photo(album, photo, upload):
    """Put a new photo in the place of `photo`; the old files are removed."""
    (image,) = _checked_images([upload])
    old_stem = photo.stem
    photo.stem = media.save_variants(image, album.folder)
    photo.width, photo.height = image.width, image.height
    _renumber(album)
    db.session.commit()
    media.delete_variants(old_stem, album.folder)


def delete_photo(album, photo):
    if album.keep_one and len(album.photos) == 1:
        raise PortalError(_l("A published product needs a photo: add another one first, or unpublish it."), "photos")
    album.photos.remove(photo)
    _renumber(album)
    db.session.commit()
    media.delete_variants(photo.stem, album.folder)  # after the commit: a rollback keeps the files


def move_photo(album, photo, where):
    """Move a photo "first" (the cover), "up" or "down" in the album's order."""
    photos = album.photos
    index = photos.index(photo)
    target = {"first": 0, "up": index - 1, "down": index + 1}.get(where)
    if target is None or not 0 <= target < len(photos):
        return
    photos.insert(target, photos.pop(index))
    _renumber(album)
    db.session.commit()
