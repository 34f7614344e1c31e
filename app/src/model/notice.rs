//! What an accepted form says on the page it leads to: a flag in the address (`?da-luu`), so
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
}

impl Notice {
    pub const ALL: [Self; 10] = [
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
    ];

    /// The flag in the address, in Vietnamese like the site's addresses.
    pub fn key(self) -> &'static str {
        match self {
            Self::Sent => "da-gui",
            Self::Saved => "da-luu",
            Self::Deleted => "da-xoa",
            Self::Created => "da-tao",
            Self::Approved => "da-duyet",
            Self::Rejected => "da-tu-choi",
            Self::LinkSent => "da-gui-lien-ket",
            Self::SignedOutEverywhere => "da-dang-xuat",
            Self::PasswordChanged => "da-doi-mat-khau",
            Self::PasswordSet => "da-dat-mat-khau",
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
