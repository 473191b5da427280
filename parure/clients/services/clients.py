"""Opening, changing, merging and erasing client files; contact details and relationships."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from parure.clients.choices import (
    AddressKind,
    Channel,
    ClientKind,
    Confidentiality,
    InteractionKind,
    PhoneKind,
    RelationshipKind,
)
from parure.clients.errors import ClientError, ClientErrorCode
from parure.clients.limits import ADDRESS_LINES_MAX, PRIVATE_NOTE_MAX, bounded_text
from parure.clients.models import (
    Client,
    ClientAddress,
    ClientEmail,
    ClientPhone,
    ClientRelationship,
    Interaction,
    Tag,
    validate_country,
    validate_language,
)
from parure.clients.normalise import fold, fold_number, phone_e164
from parure.core.choices import Role
from parure.core.models import Staff
from parure.core.numbering import check_digit, next_in_sequence


def issue_client_number() -> str:
    body = f"C-{next_in_sequence('client'):06d}"
    return f"{body}-{check_digit(body)}"


@dataclass(frozen=True)
class AddressInput:
    lines: str
    country: str
    city: str = ""
    region: str = ""
    postcode: str = ""
    kind: str = AddressKind.HOME


@dataclass(frozen=True)
class PhoneInput:
    number: str
    kind: str = PhoneKind.MOBILE


def search_text_for(
    *, number: str, names: Iterable[str], emails: Iterable[str] = (), phones: Iterable[str] = ()
) -> str:
    """The folded search column: names, e-mails, E.164 phones and ``#`` + the number's letters."""
    parts = [fold(name) for name in names if name]
    parts += [address.strip().lower() for address in emails if address]
    parts += [phone for phone in phones if phone]
    parts.append("#" + fold_number(number))
    return " ".join(part for part in parts if part)


def _names(client: Client) -> list[str]:
    return [
        client.display_name,
        client.given_name,
        client.family_name,
        client.organisation_name,
        client.name_latin,
    ]


def refresh_search_text(client: Client) -> None:
    """Recompute the file's search column from its names and current contact details."""
    if client.is_erased or client.merged_into_id:
        client.search_text = search_text_for(number=client.number, names=[])
    else:
        client.search_text = search_text_for(
            number=client.number,
            names=_names(client),
            emails=client.emails.values_list("address", flat=True),
            phones=client.phones.values_list("e164", flat=True),
        )
    Client.objects.filter(pk=client.pk).update(search_text=client.search_text)


def clean_email(raw: str, *, field: str = "email") -> str:
    address = raw.strip()
    try:
        validate_email(address)
    except ValidationError:
        raise ClientError(
            "This e-mail address is not valid; it should look like name@example.com.",
            field=field,
            code=ClientErrorCode.INVALID_EMAIL,
        ) from None
    local, _, domain = address.rpartition("@")
    return f"{local}@{domain.lower()}"


def _region_for(client_country: str, by: Staff | None) -> str | None:
    if client_country:
        return client_country
    office = getattr(by, "office", None)
    if office is not None and "_" in (office.locale or ""):
        return str(office.locale.split("_")[1])
    return None


def _validate_choice(value: str, choices: Any, field: str, what: str) -> str:
    if value and value not in choices.values:
        raise ClientError(f"‘{value}’ is not a {what}.", field=field, code=ClientErrorCode.INVALID_CHOICE)
    return value


class ClientFieldInput(TypedDict, total=False):
    """A file's own fields as a service receives them (each optional; omitted ones keep their value)."""

    title: str
    honorific_suffix: str
    name_latin: str
    preferred_salutation: str
    formal_salutation: str
    preferred_language: str
    preferred_channel: str
    country: str
    birthday: date | None
    anniversary: date | None
    confidentiality: str
    private_note: str


@dataclass
class ClientFields:
    """A file's own fields, checked (used by create, change and the import preview)."""

    display_name: str
    kind: str
    given_name: str = ""
    family_name: str = ""
    organisation_name: str = ""
    title: str = ""
    honorific_suffix: str = ""
    name_latin: str = ""
    preferred_salutation: str = ""
    formal_salutation: str = ""
    preferred_language: str = ""
    preferred_channel: str = ""
    country: str = ""
    birthday: date | None = None
    anniversary: date | None = None
    confidentiality: str = Confidentiality.STANDARD
    private_note: str = ""


def clean_client_fields(raw: dict[str, Any]) -> ClientFields:
    """Check a file's own fields; raise ClientError naming the first field that is wrong."""
    strings = {k: (v.strip() if isinstance(v, str) else v) for k, v in raw.items()}
    kind = _validate_choice(strings.get("kind") or ClientKind.PERSON, ClientKind, "kind", "kind of client")
    given, family = strings.get("given_name", ""), strings.get("family_name", "")
    organisation = strings.get("organisation_name", "")
    display = strings.get("display_name", "")
    if not display:
        display = organisation if kind == ClientKind.ORGANISATION else " ".join(p for p in (given, family) if p)
    if not display:
        raise ClientError(
            "Give the client's name: a display name, or given and family names (or the organisation's name).",
            field="display_name",
            code=ClientErrorCode.NAME_REQUIRED,
        )
    if kind == ClientKind.ORGANISATION and not organisation:
        organisation = display
    country = (strings.get("country") or "").upper()
    try:
        validate_country(country)
    except ValidationError as error:
        raise ClientError(error.messages[0], field="country", code=ClientErrorCode.INVALID_COUNTRY) from None
    language = strings.get("preferred_language") or ""
    if language:
        try:
            validate_language(language)
        except ValidationError as error:
            raise ClientError(
                error.messages[0], field="preferred_language", code=ClientErrorCode.INVALID_LANGUAGE
            ) from None
    birthday: Any = strings.get("birthday") or None
    anniversary: Any = strings.get("anniversary") or None
    today = timezone.localdate()
    if birthday and birthday > today:
        raise ClientError("A birthday cannot be in the future.", field="birthday", code=ClientErrorCode.INVALID_DATE)
    return ClientFields(
        display_name=display[:200],
        kind=kind,
        given_name=given,
        family_name=family,
        organisation_name=organisation,
        title=strings.get("title", ""),
        honorific_suffix=strings.get("honorific_suffix", ""),
        name_latin=strings.get("name_latin", ""),
        preferred_salutation=strings.get("preferred_salutation", ""),
        formal_salutation=strings.get("formal_salutation", ""),
        preferred_language=language,
        preferred_channel=_validate_choice(
            strings.get("preferred_channel", ""), Channel, "preferred_channel", "contact channel"
        ),
        country=country,
        birthday=birthday,
        anniversary=anniversary,
        confidentiality=_validate_choice(
            strings.get("confidentiality") or Confidentiality.STANDARD,
            Confidentiality,
            "confidentiality",
            "confidentiality level",
        ),
        private_note=bounded_text(
            strings.get("private_note") or "", limit=PRIVATE_NOTE_MAX, field="private_note", label="The private note"
        ),
    )


def clean_contacts(
    *, emails: Sequence[str], phones: Sequence[PhoneInput | str], country: str, by: Staff | None
) -> tuple[list[str], list[PhoneInput]]:
    """Validated, de-duplicated e-mails and E.164 phones (first of each is the primary)."""
    seen: set[str] = set()
    clean_emails = []
    for index, raw in enumerate(emails):
        if not raw.strip():
            continue
        address = clean_email(raw, field="email" if index == 0 else "emails")
        if address.lower() not in seen:
            seen.add(address.lower())
            clean_emails.append(address)
    region = _region_for(country, by)
    clean_phones: list[PhoneInput] = []
    seen_phones: set[str] = set()
    for entry in phones:
        phone = PhoneInput(entry) if isinstance(entry, str) else entry
        if not phone.number.strip():
            continue
        e164 = phone_e164(phone.number, region=region)
        _validate_choice(phone.kind, PhoneKind, "phone", "kind of phone")
        if e164 not in seen_phones:
            seen_phones.add(e164)
            clean_phones.append(PhoneInput(e164, phone.kind))
    return clean_emails, clean_phones


def _clean_addresses(addresses: Sequence[AddressInput]) -> list[AddressInput]:
    cleaned = []
    for address in addresses:
        if not address.lines.strip():
            continue
        bounded_text(address.lines, limit=ADDRESS_LINES_MAX, field="addresses", label="The address's street lines")
        country = address.country.strip().upper()
        if not country:
            raise ClientError("Give the address's country.", field="addresses", code=ClientErrorCode.INVALID_ADDRESS)
        try:
            validate_country(country)
        except ValidationError as error:
            raise ClientError(error.messages[0], field="addresses", code=ClientErrorCode.INVALID_COUNTRY) from None
        _validate_choice(address.kind, AddressKind, "addresses", "kind of address")
        cleaned.append(
            AddressInput(
                lines=address.lines.strip(),
                country=country,
                city=address.city.strip(),
                region=address.region.strip(),
                postcode=address.postcode.strip(),
                kind=address.kind,
            )
        )
    return cleaned


def _default_specialists(by: Staff | None) -> list[Staff]:
    """Whom a new file is assigned to when nobody is named: a specialist themselves, an
    assistant's specialists (so the file stays in the assistant's book)."""
    if by is None:
        return []
    if by.role == Role.SENIOR_SPECIALIST:
        return [by]
    if by.role == Role.SPECIALIST_ASSISTANT:
        return list(by.supports.all()) or [by]
    return []


def _check_specialists(specialists: Iterable[Any]) -> list[Any]:
    people = list(specialists)
    for person in people:
        if person.role not in (Role.SENIOR_SPECIALIST, Role.SPECIALIST_ASSISTANT) or not person.is_active:
            raise ClientError(
                f"{person} is not an active specialist and cannot look after clients.",
                field="specialists",
                code=ClientErrorCode.NOT_A_SPECIALIST,
            )
    return people


def _write_contacts(
    client: Client, emails: list[str], phones: list[PhoneInput], addresses: list[AddressInput] | None
) -> None:
    client.emails.all().delete()
    ClientEmail.objects.bulk_create(
        [ClientEmail(client=client, address=address, is_primary=index == 0) for index, address in enumerate(emails)]
    )
    client.phones.all().delete()
    ClientPhone.objects.bulk_create(
        [
            ClientPhone(client=client, e164=phone.number, kind=phone.kind, is_primary=index == 0)
            for index, phone in enumerate(phones)
        ]
    )
    if addresses is not None:
        client.addresses.all().delete()
        ClientAddress.objects.bulk_create(
            [
                ClientAddress(
                    client=client,
                    kind=address.kind,
                    lines=address.lines,
                    city=address.city,
                    region=address.region,
                    postcode=address.postcode,
                    country=address.country,
                    is_primary=index == 0,
                )
                for index, address in enumerate(addresses)
            ]
        )


def _tags(names: Iterable[str]) -> list[Tag]:
    tags: list[Tag] = []
    wanted: dict[str, str] = {}
    for raw in names:
        if raw and raw.strip():
            wanted.setdefault(raw.strip().casefold(), raw.strip())
    for name in wanted.values():
        tag = Tag.objects.filter(name__iexact=name).first() or Tag.objects.create(name=name[:60])
        tags.append(tag)
    return tags


@transaction.atomic
def client_create(
    *,
    display_name: str,
    kind: ClientKind | str = ClientKind.PERSON,
    given_name: str = "",
    family_name: str = "",
    organisation_name: str = "",
    email: str = "",
    emails: Sequence[str] = (),
    phones: Sequence[PhoneInput | str] = (),
    addresses: Sequence[AddressInput] = (),
    specialists: Iterable[Any] | None = None,
    tags: Iterable[str] = (),
    by: Staff,
    **fields: Unpack[ClientFieldInput],
) -> Client:
    """Open a client file with a new client number.

    ``email`` is the primary address (``emails`` adds more); phones in any format are stored in
    E.164, read in the client's country (or the creating person's office) when written without
    a country code. Without ``specialists``, the file goes to ``by`` (a senior specialist) or to
    the specialists ``by`` supports (an assistant). Other keyword arguments are the file's own
    fields (title, salutations, language, country, birthday, confidentiality, private_note...).
    Nothing is saved when any of it is refused. ``by`` is recorded as the file's creator.
    """
    cleaned = clean_client_fields(
        {
            "display_name": display_name,
            "kind": kind,
            "given_name": given_name,
            "family_name": family_name,
            "organisation_name": organisation_name,
            **fields,
        }
    )
    clean_emails, clean_phones = clean_contacts(emails=[email, *emails], phones=phones, country=cleaned.country, by=by)
    clean_addresses = _clean_addresses(addresses)
    people = _check_specialists(specialists) if specialists is not None else _default_specialists(by)
    client = Client.objects.create(
        number=issue_client_number(),
        email=clean_emails[0] if clean_emails else "",
        created_by=by,
        **cleaned.__dict__,
    )
    _write_contacts(client, clean_emails, clean_phones, clean_addresses)
    if people:
        client.specialists.set(people)
    if tags:
        client.tags.set(_tags(tags))
    refresh_search_text(client)
    return client


def _refuse_if_closed(client: Client) -> None:
    if client.is_erased:
        raise ClientError(
            f"File {client.number} has been erased; it cannot be changed.", code=ClientErrorCode.CLIENT_ERASED
        )
    if client.merged_into_id:
        raise ClientError(
            f"File {client.number} was merged into {client.merged_into.number if client.merged_into else ''}; "
            "change that file instead.",
            code=ClientErrorCode.CLIENT_MERGED,
        )


def lock_client(client: Client) -> Client:
    """Lock the file's row for this transaction and return it fresh."""
    return Client.objects.select_for_update().get(pk=client.pk)


@transaction.atomic
def client_update(
    *,
    client: Client,
    by: Staff,
    emails: Sequence[str] | None = None,
    phones: Sequence[PhoneInput | str] | None = None,
    addresses: Sequence[AddressInput] | None = None,
    specialists: Iterable[Any] | None = None,
    tags: Iterable[str] | None = None,
    given_name: str | None = None,
    family_name: str | None = None,
    organisation_name: str | None = None,
    display_name: str | None = None,
    kind: ClientKind | str | None = None,
    **fields: Unpack[ClientFieldInput],
) -> Client:
    """Change a file. Only the arguments given change; a list given replaces the old one
    (the first e-mail and phone are the primary ones)."""
    client = lock_client(client)
    _refuse_if_closed(client)
    current = {name: getattr(client, name) for name in ClientFields.__dataclass_fields__}
    names = {
        "given_name": given_name,
        "family_name": family_name,
        "organisation_name": organisation_name,
        "display_name": display_name,
        "kind": kind,
    }
    cleaned = clean_client_fields({**current, **{k: v for k, v in names.items() if v is not None}, **fields})
    for name, value in cleaned.__dict__.items():
        setattr(client, name, value)
    if emails is not None or phones is not None:
        new_emails = list(emails) if emails is not None else list(client.emails.values_list("address", flat=True))
        new_phones: list[PhoneInput | str] = (
            list(phones) if phones is not None else [PhoneInput(p.e164, p.kind) for p in client.phones.all()]
        )
        clean_emails, clean_phones = clean_contacts(
            emails=new_emails, phones=new_phones, country=cleaned.country, by=by
        )
        clean_addresses = _clean_addresses(addresses) if addresses is not None else None
        _write_contacts(client, clean_emails, clean_phones, clean_addresses)
        client.email = clean_emails[0] if clean_emails else ""
    elif addresses is not None:
        clean_addresses = _clean_addresses(addresses)
        _write_contacts(
            client,
            list(client.emails.values_list("address", flat=True)),
            [PhoneInput(p.e164, p.kind) for p in client.phones.all()],
            clean_addresses,
        )
    if specialists is not None:
        people = _check_specialists(specialists)
        if not people:
            raise ClientError(
                "A file needs at least one specialist to look after it.",
                field="specialists",
                code=ClientErrorCode.NO_SPECIALIST,
            )
        client.specialists.set(people)
    if tags is not None:
        client.tags.set(_tags(tags))
    client.updated_at = timezone.now()
    client.save()
    refresh_search_text(client)
    return client


@transaction.atomic
def relationship_add(*, client: Client, related: Client, kind: str, by: Staff, note: str = "") -> ClientRelationship:
    """Record that ``related`` is ``kind`` to ``client`` (e.g. the agent acting for them)."""
    _validate_choice(kind, RelationshipKind, "kind", "kind of relationship")
    if client.pk == related.pk:
        raise ClientError(
            "A client cannot be related to their own file.", field="related", code=ClientErrorCode.SELF_RELATIONSHIP
        )
    _refuse_if_closed(client)
    _refuse_if_closed(related)
    if ClientRelationship.objects.filter(client=client, related=related, kind=kind).exists():
        raise ClientError(
            f"{related.number} is already recorded as {RelationshipKind(kind).label.lower()} of {client.number}.",
            field="related",
            code=ClientErrorCode.DUPLICATE_RELATIONSHIP,
        )
    return ClientRelationship.objects.create(client=client, related=related, kind=kind, note=note.strip())


@transaction.atomic
def relationship_remove(*, relationship: ClientRelationship, by: Staff) -> None:
    relationship.delete()


@transaction.atomic
def client_merge(*, keep: Client, absorb: Client, by: Staff) -> Client:
    """Merge ``absorb`` into ``keep``: every record and the history of both stay, on ``keep``.

    The absorbed file remains (other apps' records still point at it) with ``merged_into``,
    who merged it and when; its number still finds ``keep``.
    """
    from parure.clients.models import (
        Appointment,
        BeneficialOwner,
        Consent,
        FollowUp,
        Inquiry,
        Want,
    )

    if keep.pk == absorb.pk:
        raise ClientError("Choose two different files to merge.", field="absorb", code=ClientErrorCode.SAME_FILE)
    first, second = sorted([keep.pk, absorb.pk])
    locked = {c.pk: c for c in Client.objects.select_for_update().filter(pk__in=[first, second])}
    keep, absorb = locked[keep.pk], locked[absorb.pk]
    for client in (keep, absorb):
        _refuse_if_closed(client)
    moved = 0
    for model in (Want, Appointment, FollowUp, Inquiry, Consent, BeneficialOwner, Interaction):
        moved += model.objects.filter(client=absorb).update(client=keep)
    # Contact details: keep's primaries stay primary; the other file's join as extra ones.
    known_emails = {a.lower() for a in keep.emails.values_list("address", flat=True)}
    for row in absorb.emails.all():
        if row.address.lower() in known_emails:
            row.delete()
        else:
            ClientEmail.objects.filter(pk=row.pk).update(client=keep, is_primary=False)
    known_phones = set(keep.phones.values_list("e164", flat=True))
    for phone in absorb.phones.all():
        if phone.e164 in known_phones:
            phone.delete()
        else:
            ClientPhone.objects.filter(pk=phone.pk).update(client=keep, is_primary=False)
    absorb.addresses.update(client=keep, is_primary=False)
    if not keep.email:
        first_email = keep.emails.order_by("id").first()
        if first_email:
            ClientEmail.objects.filter(pk=first_email.pk).update(is_primary=True)
            keep.email = first_email.address
    for relationship in ClientRelationship.objects.filter(client=absorb):
        if (
            relationship.related_id == keep.pk
            or ClientRelationship.objects.filter(
                client=keep, related_id=relationship.related_id, kind=relationship.kind
            ).exists()
        ):
            relationship.delete()
        else:
            ClientRelationship.objects.filter(pk=relationship.pk).update(client=keep)
    for relationship in ClientRelationship.objects.filter(related=absorb):
        if (
            relationship.client_id == keep.pk
            or ClientRelationship.objects.filter(
                client_id=relationship.client_id, related=keep, kind=relationship.kind
            ).exists()
        ):
            relationship.delete()
        else:
            ClientRelationship.objects.filter(pk=relationship.pk).update(related=keep)
    keep.specialists.add(*absorb.specialists.all())
    keep.tags.add(*absorb.tags.all())
    if absorb.private_note:
        keep.private_note = "\n\n".join(
            p for p in (keep.private_note, f"From {absorb.number}: {absorb.private_note}") if p
        )
    for name in ClientFields.__dataclass_fields__:
        if name in ("display_name", "kind", "private_note", "confidentiality"):
            continue
        if not getattr(keep, name) and getattr(absorb, name):
            setattr(keep, name, getattr(absorb, name))
    if absorb.is_confidential:
        keep.confidentiality = Confidentiality.CONFIDENTIAL
    if keep.kyc_status == "not_started" and absorb.kyc_status != "not_started":
        for name in (
            "kyc_status",
            "kyc_document",
            "kyc_document_expires_on",
            "kyc_verified_by",
            "kyc_verified_on",
            "kyc_proof_of_address_on",
        ):
            setattr(keep, name, getattr(absorb, name))
    Client.objects.filter(merged_into=absorb).update(merged_into=keep)
    now = timezone.now()
    keep.updated_at = now
    keep.save()
    absorb.merged_into, absorb.merged_at, absorb.merged_by = keep, now, by
    absorb.save(update_fields=["merged_into", "merged_at", "merged_by"])
    absorb.specialists.clear()
    refresh_search_text(absorb)
    refresh_search_text(keep)
    Interaction.objects.create(
        client=keep,
        kind=InteractionKind.SYSTEM,
        staff=by,
        subject=f"File {absorb.number} merged into this file",
        body=f"{by} merged {absorb.number} into {keep.number}; {moved} records moved.",
    )
    return keep


@transaction.atomic
def client_erase(*, client: Client, by: Staff, reason: str) -> Client:
    """Erase a person at their request: pseudonymise the file and remove their personal data,
    keeping the dated records the law requires (invoices, custody, appointments, the timeline's
    dates) pointing at a file that no longer says who it was."""
    from parure.clients.models import Appointment, FollowUp, Inquiry

    if not reason.strip():
        raise ClientError(
            "Say why the file is erased (e.g. the request's date and reference).",
            field="reason",
            code=ClientErrorCode.REQUIRED,
        )
    client = lock_client(client)
    _refuse_if_closed(client)
    client.display_name = f"Erased client {client.number}"
    for name in (
        "given_name",
        "family_name",
        "organisation_name",
        "email",
        "title",
        "honorific_suffix",
        "name_latin",
        "preferred_salutation",
        "formal_salutation",
        "private_note",
        "country",
        "preferred_language",
        "preferred_channel",
    ):
        setattr(client, name, "")
    client.birthday = client.anniversary = None
    client.kyc_document_expires_on = None
    client.emails.all().delete()
    client.phones.all().delete()
    client.addresses.all().delete()
    client.beneficial_owners.all().delete()
    ClientRelationship.objects.filter(client=client).delete()
    ClientRelationship.objects.filter(related=client).delete()
    client.wants.all().delete()
    client.tags.clear()
    client.interactions.update(subject="", body="", sent_to="")
    Appointment.objects.filter(client=client).update(purpose="", interest_shown="", next_step="")
    FollowUp.objects.filter(client=client).update(title="Follow-up (erased client)", notes="")
    Inquiry.objects.filter(client=client).update(name="Erased", email="", phone="", message="", response_note="")
    now = timezone.now()
    client.erased_at, client.erased_by, client.updated_at = now, by, now
    client.save()
    refresh_search_text(client)
    Interaction.objects.create(
        client=client,
        kind=InteractionKind.SYSTEM,
        staff=by,
        subject="Personal data erased",
        body=f"Erased at the person's request by {by}. Reason: {reason.strip()[:200]}",
    )
    return client
