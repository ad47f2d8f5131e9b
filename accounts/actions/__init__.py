"""Every state change of an account (house style R1): ``accounts`` (sign-up, name, addresses, passwords, API tokens) and ``deletion``."""

from .accounts import (  # noqa: F401
    ADDRESS_ALREADY_YOURS,
    ADDRESS_TAKEN,
    ADDRESS_VERIFIED,
    EMAIL_TAKEN,
    LAST_OWNER_OF,
    SIGN_IN_ADDRESS,
    SIGN_UP_NOTICE_INTERVAL,
    WRONG_PASSWORD,
    add_email_address,
    add_proven_address,
    change_name,
    create_account,
    create_api_token,
    remove_email_address,
    request_password_reset,
    resend_verification,
    reset_password,
    revoke_api_token,
    sign_up,
    verify_email_address,
)
from .deletion import (  # noqa: F401
    delete_account,
    end_sessions,
    ownerships_to_hand_over,
)
