"""Checks a workbook before openpyxl opens it, so that a hostile file costs seconds, not memory.

openpyxl reads the shared strings whole when it opens a workbook, and parses every sheet that
lacks a <dimension> record to its end (keeping one element per row), so a small zip can make it
build a 400 MB string or millions of objects before the first row is seen. Before that:

1. the zip's end record (read by hand, before zipfile builds an object per member): the number
   of members and the size of the central directory;
2. the directory: the members' total uncompressed size and each big member's compression ratio;
3. a streaming pass over every XML member (zipfile stops at the declared size and checks the
   CRC): every megabyte must hold a "<", so no text or tag is longer than that; no DOCTYPE,
   entity, comment or CDATA ("<!"), which no spreadsheet program writes and whose content would
   escape the first rule; the rows and shared strings are counted against their caps.

Counting "<row" and "<si" is a byte search at disk speed; a member that writes the names with a
namespace prefix ("<x:row>") is counted with a regular expression instead.
"""

import re
import struct
import zipfile
import zlib

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ekonomi.tabular.errors import FileProblem

_END = b"PK\x05\x06"
_END_SIZE = 22
_COMMENT_MAX = 0xFFFF
# A name in the central directory takes 46 bytes plus the name; 1 KiB per member is generous.
_DIRECTORY_BYTES_PER_MEMBER = 1024
_BLOCK = 1 << 20
_PREFIXED = re.compile(rb"<[A-Za-z_][\w.-]*:(row|si)[\s/>]")
_XML_START = (b"<", b"\xef\xbb\xbf<")
# Excel's own limit for one sheet. It also bounds openpyxl's work on opening: it parses every
# sheet without a <dimension> to its end, keeping about 100 bytes per row until it is done.
SHEET_MAX_ROWS = 1_048_576


def _number(value):
    return number_format(value, force_grouping=True)


def check_workbook(stream, size):
    """Raise FileProblem if the workbook at `stream` (an open binary file) breaks a limit."""
    _check_end_record(stream, size)
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise not_a_workbook() from error
    with archive:
        members = archive.infolist()
        _check_directory(members)
        totals = {"rows": 0, "strings": 0}
        try:
            for member in members:
                if not member.is_dir():
                    _scan(archive, member, totals)
        except (
            zipfile.BadZipFile,
            zlib.error,
            OSError,
            EOFError,
            NotImplementedError,
            RuntimeError,  # an encrypted member
        ) as error:
            raise not_a_workbook() from error


def not_a_workbook():
    return FileProblem(_("The file is neither CSV nor an Excel workbook."))


def _too_many_members():
    return FileProblem(
        _("The workbook has more than %(max)s parts; it is not an ordinary spreadsheet.")
        % {"max": _number(settings.XLSX_MAX_MEMBERS)}
    )


def _check_end_record(stream, size):
    tail_size = min(size, _END_SIZE + _COMMENT_MAX)
    stream.seek(size - tail_size)
    tail = stream.read(tail_size)
    at = tail.rfind(_END)
    if at < 0 or len(tail) - at < _END_SIZE:
        raise not_a_workbook()
    _disk, _directory_disk, _here, entries, directory_size = struct.unpack(
        "<HHHHI", tail[at + 4 : at + 16]
    )
    # Saturated fields mean a ZIP64 archive: four billion bytes or 65,535 members at least.
    if entries == 0xFFFF or directory_size == 0xFFFFFFFF:
        raise _too_many_members()
    if (
        entries > settings.XLSX_MAX_MEMBERS
        or directory_size > settings.XLSX_MAX_MEMBERS * _DIRECTORY_BYTES_PER_MEMBER
    ):
        raise _too_many_members()
    stream.seek(0)


def _check_directory(members):
    if len(members) > settings.XLSX_MAX_MEMBERS:
        raise _too_many_members()
    total = sum(member.file_size for member in members)
    if total > settings.XLSX_MAX_UNCOMPRESSED_BYTES:
        raise FileProblem(
            _("Unpacked, the workbook would be %(size)s; the largest accepted is %(max)s.")
            % {
                "size": filesizeformat(total),
                "max": filesizeformat(settings.XLSX_MAX_UNCOMPRESSED_BYTES),
            }
        )
    for member in members:
        if member.file_size < settings.XLSX_RATIO_MIN_BYTES:
            continue
        if member.file_size > settings.XLSX_MAX_RATIO * max(member.compress_size, 1):
            raise FileProblem(
                _(
                    "The workbook is packed %(ratio)s times tighter than a spreadsheet can be "
                    "(at most %(max)s); it is not an ordinary spreadsheet."
                )
                % {
                    "ratio": _number(member.file_size // max(member.compress_size, 1)),
                    "max": _number(settings.XLSX_MAX_RATIO),
                }
            )


def _scan(archive, member, totals):
    block = max(_BLOCK, settings.TABULAR_MAX_CELL_CHARS * 10)
    with archive.open(member) as source:
        data = source.read(block)
        if not data.lstrip().startswith(_XML_START):
            return  # not XML (an image): no XML parser reads it
        # Processing instructions: the XML declaration, and no other.
        declarations = 0
        rows_here = 0
        carry = b""
        while data:
            if b"<" not in data:
                # The row the text is in, in a sheet; a shared string has none.
                raise _long_text(rows_here or None)
            data = carry + data
            # Segments end just before a "<", so that no tag is split between two of them.
            cut = data.rfind(b"<")
            segment, carry = data[:cut], data[cut:]
            rows_here += _count(segment, totals)
            if rows_here > SHEET_MAX_ROWS:
                raise FileProblem(
                    _("A sheet of the workbook has more than %(max)s rows, more than Excel allows.")
                    % {"max": _number(SHEET_MAX_ROWS)}
                )
            declarations += segment.count(b"<?")
            data = source.read(block)
        _count(carry, totals)
        if declarations + carry.count(b"<?") > 1:
            raise _unusual_xml()


def _count(segment, totals):
    """Count the rows and shared strings of a segment into `totals`; return its rows."""
    if b"<!" in segment:
        raise _unusual_xml()
    if b":row" in segment or b":si" in segment:
        names = _PREFIXED.findall(segment)
        rows = names.count(b"row") + segment.count(b"<row")
        strings = names.count(b"si") + segment.count(b"<si")
    else:
        rows, strings = segment.count(b"<row"), segment.count(b"<si")
    totals["rows"] += rows
    totals["strings"] += strings
    if totals["rows"] > settings.TABULAR_MAX_ROWS:
        raise FileProblem(
            _("The workbook has more than %(max)s rows; the most that can be read is %(max)s.")
            % {"max": _number(settings.TABULAR_MAX_ROWS)}
        )
    if totals["strings"] > settings.XLSX_MAX_SHARED_STRINGS:
        raise FileProblem(
            _("The workbook has more than %(max)s different texts; it cannot be read.")
            % {"max": _number(settings.XLSX_MAX_SHARED_STRINGS)}
        )
    return rows


def _long_text(row):
    limit = _number(settings.TABULAR_MAX_CELL_CHARS)
    if row is None:
        return FileProblem(
            _("The workbook holds a text of more than %(max)s characters.") % {"max": limit}
        )
    return FileProblem(
        _("Row %(row)s holds a cell of more than %(max)s characters.")
        % {"row": _number(row), "max": limit}
    )


def _unusual_xml():
    return FileProblem(
        _(
            "The workbook contains XML that spreadsheet programs do not write (a DOCTYPE, "
            "comment, CDATA section or processing instruction); save it again from Excel."
        )
    )
