//! Text: from a turn's speech to words and terms. (Placeholder: the full
//! tokenizer lands with the words-and-frequencies work.)

use unicode_segmentation::UnicodeSegmentation;

/// Number of words (`unicode_words()`) in `text`.
pub fn count_words(text: &str) -> usize {
    text.unicode_words().count()
}
