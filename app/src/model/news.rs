use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsCard {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub published_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsPost {
    pub card: NewsCard,
    /// Rendered from Markdown on the server, without anything that could run.
    pub body_html: String,
    pub updated_at: String,
}
