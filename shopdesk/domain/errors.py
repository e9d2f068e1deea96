"""Expected errors.

Every error a user can cause or meet subclasses :class:`ShopDeskError`. Its
docstring is the default message (translated by the i18n layer through the
``msgid``); the instance carries the values that name the file, row, column or
account concerned. Anything else is a bug and is reported with a traceback.
"""

from __future__ import annotations

from shopdesk.i18n import N_, _


class ShopDeskError(Exception):
    """Something went wrong."""

    #: Message template, with ``{name}`` placeholders filled from ``params``.
    msgid: str = N_("Something went wrong.")
    #: Exit code on the command line: 1 refused / problems, 2 could not run.
    exit_code: int = 2

    def __init__(self, **params: object) -> None:
        self.params = params
        super().__init__(self.message())

    def message(self) -> str:
        """The message in the current language, placeholders filled."""
        return _(self.msgid).format(**self.params)


class Cancelled(ShopDeskError):
    """The user cancelled the operation; nothing was changed."""

    msgid = N_("Cancelled; nothing was changed.")


class StoreError(ShopDeskError):
    """The store file cannot be used."""

    msgid = N_("The store {path} cannot be used.")


class StoreMissing(StoreError):
    """The store file does not exist."""

    msgid = N_("The store {path} does not exist. Check the path, or create a new store with 'shopdesk init'.")


class StoreNotAStore(StoreError):
    """The file is not a ShopDesk store."""

    msgid = N_("{path} is not a ShopDesk store. Open the .sqlite file ShopDesk created, or restore one from its backups folder.")


class StoreCorrupt(StoreError):
    """The store file is damaged."""

    msgid = N_("The store {path} is damaged ({detail}). It was not changed. Restore the latest backup from {backups} (File → Restore… or 'shopdesk restore').")


class StoreTooNew(StoreError):
    """The store file was written by a newer ShopDesk."""

    msgid = N_("The store {path} was written by a newer ShopDesk (schema {found}, this version knows up to {known}). Install the newer ShopDesk to open it; the file was not changed.")


class StoreLocked(StoreError):
    """Another program holds the store."""

    msgid = N_("The store {path} is locked by another program. Close the other program (or wait for it to finish) and try again; the file was not changed.")


class StoreBusy(StoreError):
    """Another ShopDesk is writing to the store."""

    msgid = N_("The store {path} is open for changes in another ShopDesk window or command ({holder}). Close it there first; the file was not changed.")


class WriterBusy(StoreError):
    """This window's one writer is busy with a long change (an import, a restore): a change asked for meanwhile
    is refused, never joined to it."""

    msgid = N_("{work} is changing the store {path} right now. Your change was not made: make it again when it has finished.")


class StoreReadOnly(StoreError):
    """The store cannot be written."""

    msgid = N_("The store {path} cannot be written (read-only file or folder). Copy it to a folder you can write to, or change its permissions.")


class StoreOpenedReadOnly(StoreError):
    """The store was opened for reading only here."""

    msgid = N_("The store {path} is open for reading only here (it was open for changes elsewhere, or cannot be written); nothing was changed. Close the other ShopDesk window or command, then open the store again to make changes.")
    exit_code = 1


class StoreNeedsUpgrade(StoreError):
    """The store must be upgraded before it can be read, and cannot be written here."""

    msgid = N_("The store {path} has schema {found} and this ShopDesk reads schema {latest}: it must be upgraded once, which changes the file, but the file or its folder cannot be written. Open it once where it can be written (the app or a command that makes changes upgrades it, after a backup); the file was not changed.")


class StoreExists(StoreError):
    """A store already exists at that path."""

    msgid = N_("A file already exists at {path}; choose another name so that nothing is overwritten.")
    exit_code = 1


class DiskFull(StoreError):
    """The disk is full."""

    msgid = N_("The disk holding {path} is full. Free some space and try again; nothing was saved.")


class BackupInvalid(StoreError):
    """The backup file cannot be restored."""

    msgid = N_("The backup {path} cannot be restored: {detail}")
    exit_code = 1


class AuthError(ShopDeskError):
    """Wrong user name or password."""

    msgid = N_("Wrong user name or password.")
    exit_code = 1


class AccountDisabled(AuthError):
    """The account is disabled."""

    msgid = N_("The account {username} is disabled. Ask the store owner or an administrator.")


class PermissionDenied(ShopDeskError):
    """The staff member's role does not allow the action."""

    msgid = N_("{username} ({role}) may not {action}.")
    exit_code = 1


class InvalidValue(ShopDeskError):
    """A value given by the user is not acceptable."""

    msgid = N_("{field}: {reason}")
    exit_code = 1
