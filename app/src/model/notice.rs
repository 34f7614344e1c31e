//! What an accepted form says on the page it leads to: a flag in the address (`?saved`), so
//! that the redirect after a post carries it and a reload does not post again.

/// The outcome a page announces above its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// A listing went to review.
    Sent,
    Saved,
    Deleted,
    Created,
    Approved,
    Rejected,
    /// A set-password link was emailed.
    LinkSent,
    SignedOutEverywhere,
    PasswordChanged,
    PasswordSet,
    /// A spreadsheet was imported.
    Imported,
}

impl Notice {
    pub const ALL: [Self; 11] = [
        Self::Sent,
        Self::Saved,
        Self::Deleted,
        Self::Created,
        Self::Approved,
        Self::Rejected,
        Self::LinkSent,
        Self::SignedOutEverywhere,
        Self::PasswordChanged,
        Self::PasswordSet,
        Self::Imported,
    ];

    /// The flag in the address, in English like the addresses.
    pub fn key(self) -> &'static str {
        match self {
            Self::Sent => "sent",
            Self::Saved => "saved",
            Self::Deleted => "deleted",
            Self::Created => "created",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
            Self::LinkSent => "link-sent",
            Self::SignedOutEverywhere => "signed-out",
            Self::PasswordChanged => "password-changed",
            Self::PasswordSet => "password-set",
            Self::Imported => "imported",
        }
    }

    /// The page at `path` announcing this outcome: where an accepted form goes.
    pub fn on(self, path: &str) -> String {
        let joiner = if path.contains('?') { '&' } else { '?' };
        format!("{path}{joiner}{}", self.key())
    }

    /// The notice whose flag the address carries, given whether it carries a key.
    pub fn find(carries: impl Fn(&str) -> bool) -> Option<Self> {
        Self::ALL.into_iter().find(|notice| carries(notice.key()))
    }
}

#[cfg(test)]
mod tests {
    use super::Notice;

    #[test]
    fn each_notice_is_found_by_the_flag_it_puts_in_the_address() {
        for notice in Notice::ALL {
            let address = notice.on("/portal/products");
            let query = address.split_once('?').map(|(_, query)| query).unwrap();
            let carries = |key: &str| query.split('&').any(|flag| flag == key);
            assert_eq!(Notice::find(carries), Some(notice), "{address}");
        }
        assert_eq!(Notice::find(|key| ["page", "q"].contains(&key)), None);
    }
}
