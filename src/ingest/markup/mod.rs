//! Markup: the text of an HTML page or an XML transcript (GPO hearing
//! records in `<pre>`, parliament.uk Hansard pages, TheyWorkForYou /
//! ParlParse XML), one output line for each input line, so that `tribune
//! parse` and every error point at the source's real lines.
//!
//! Tags are removed where they stand; entities are decoded (HTML's named
//! set, numeric references, and the entities a document's own DTD
//! declares); comments, `<script>`, `<style>` and the DTD are dropped, their
//! lines left blank. Outside `<pre>` each line is trimmed (white space is
//! layout in HTML); inside, it is kept as it is. Text that is not speech is
//! put between square brackets as a whole-line note: headings (`<h1>`…`<h6>`,
//! `<title>`, `<major-heading>`, `<minor-heading>`, `<oral-heading>`),
//! elements marked `nospeaker="true"` (procedural text, division lists), a
//! paragraph that is all italic, a paragraph that is all bold and no label
//! (`19 July 2011 : Column 772`). A question number before a bold label
//! (`1.` a line above `<b>Mr David Hanson (Delyn) (Lab):</b>`) moves onto
//! the label's line as a leading note: `[1.] Mr David Hanson (Delyn)
//! (Lab):`. A `<speech
//! speakername="Andrew Turner">` tag becomes the label line `Andrew Turner:`.
//! One forward pass: cost linear in the input.

use std::collections::HashMap;
use std::path::Path;

mod lex;

use lex::{Tag, decode_entities, find_ci, parse_tag};

/// Is this input markup to read as its text? By extension (`.htm`,
/// `.html`, `.xhtml`, `.xml`), or by its first bytes (`<?xml`,
/// `<!DOCTYPE`, `<html`: GPO records saved as `.txt`).
pub fn is_markup(path: &Path, head: &[u8]) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if matches!(ext.as_deref(), Some("htm" | "html" | "xhtml" | "xml")) {
        return true;
    }
    starts_like_markup(head)
}

/// Do the bytes start (after a BOM and white space) like an XML or HTML
/// document?
pub fn starts_like_markup(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let head = &head[start..head.len().min(start + 16)];
    let lower = head.to_ascii_lowercase();
    lower.starts_with(b"<?xml") || lower.starts_with(b"<!doctype") || lower.starts_with(b"<html")
}

/// Is this `.xml` file (its first bytes) of the TheyWorkForYou / ParlParse
/// shape, the only XML transcripts a folder search picks up?
pub fn is_transcript_xml(head: &[u8]) -> bool {
    memchr::memmem::find(head, b"<publicwhip").is_some()
        || memchr::memmem::find(head, b"<!DOCTYPE publicwhip").is_some()
}

/// The text of a markup document, line for line.
pub fn to_text(src: &str) -> String {
    convert(src).0
}

/// [`to_text`], with what the markup said about the lines.
pub fn convert(src: &str) -> (String, MarkupLines) {
    let mut c = Converter::new();
    c.run(src);
    c.render(src)
}

/// One piece of text on one output line.
struct Seg {
    line: u32,
    text: String,
    /// Not speech: rendered between square brackets.
    aside: bool,
    /// Inside `<pre>`: white space kept.
    pre: bool,
    /// A label made from a `<speech speakername>`: never an aside.
    label: bool,
    /// The first text of its paragraph (block element).
    starts: bool,
}

/// What the markup said about the text's lines, for the parser: each a
/// sorted list of 1-based line numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MarkupLines {
    /// Whole-line bracketed notes made from markup (headings, `nospeaker`
    /// elements, all-italic paragraphs, bold lines that are no label):
    /// never speech.
    pub notes: Vec<usize>,
    /// Lines where a paragraph (a block element: `<p>`, `<div>`,
    /// `<speech>`...) begins its text, blank line before it or not: a
    /// label there starts a turn.
    pub para_starts: Vec<usize>,
    /// Labels made from a TheyWorkForYou `<speech speakername>` tag.
    pub labels: Vec<usize>,
}

/// A paragraph-like element being read.
#[derive(Default)]
struct Block {
    segs: Vec<u32>,
    has_text: bool,
    all_bold: bool,
    all_italic: bool,
    last: char,
    /// Characters of text (white space trimmed) so far.
    chars: usize,
}

/// An open element that matters to the conversion.
struct Open {
    name: String,
    block: Option<usize>,
    bold: bool,
    italic: bool,
    aside: bool,
    pre: bool,
    /// First segment index inside this element.
    first_seg: usize,
    /// Characters of text in its paragraph before it.
    chars_before: usize,
}

struct Converter {
    segs: Vec<Seg>,
    blocks: Vec<Block>,
    open: Vec<Open>,
    /// How many open elements of each name (end tags pop only to a match).
    counts: HashMap<String, usize>,
    bold: usize,
    italic: usize,
    aside: usize,
    pre: usize,
    line: u32,
    dtd: HashMap<String, String>,
    /// The last segment with text, and its last character.
    last_text: Option<(usize, char)>,
    /// The open blocks, innermost last (a lookup that does not walk the
    /// inline elements open above them).
    block_stack: Vec<usize>,
}

const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "dfn", "em", "font", "i", "kbd",
    "label", "mark", "phrase", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup",
    "time", "tt", "u", "var",
];
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "title") || name.ends_with("-heading")
}

impl Converter {
    fn new() -> Converter {
        Converter {
            segs: Vec::new(),
            blocks: vec![Block {
                all_bold: true,
                all_italic: true,
                ..Block::default()
            }],
            open: Vec::new(),
            counts: HashMap::new(),
            bold: 0,
            italic: 0,
            aside: 0,
            pre: 0,
            line: 0,
            dtd: HashMap::new(),
            last_text: None,
            block_stack: Vec::new(),
        }
    }

    fn newlines(&mut self, s: &str) {
        self.line += memchr::memchr_iter(b'\n', s.as_bytes()).count() as u32;
    }

    fn run(&mut self, src: &str) {
        let b = src.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let Some(lt) = memchr::memchr(b'<', &b[i..]).map(|k| i + k) else {
                self.text(&src[i..], false);
                break;
            };
            if lt > i {
                self.text(&src[i..lt], false);
            }
            i = self.markup(src, lt);
        }
        while let Some(o) = self.open.pop() {
            self.closed(o);
        }
        self.close_block(0);
    }

    /// Read the markup at `lt` (a `<`); return where the text goes on.
    fn markup(&mut self, src: &str, lt: usize) -> usize {
        let b = src.as_bytes();
        let rest = &b[lt..];
        let find = |pat: &[u8], from: usize| -> usize {
            memchr::memmem::find(&b[from..], pat).map_or(b.len(), |k| from + k + pat.len())
        };
        if rest.starts_with(b"<!--") {
            let end = find(b"-->", lt + 4);
            self.newlines(&src[lt..end]);
            return end;
        }
        if rest.starts_with(b"<![CDATA[") {
            let start = (lt + 9).min(b.len());
            let (inner_end, end) = match memchr::memmem::find(&b[start..], b"]]>") {
                Some(k) => (start + k, start + k + 3),
                None => (b.len(), b.len()),
            };
            self.text(&src[start..inner_end], true);
            return end;
        }
        if rest.len() >= 9 && rest[..9].eq_ignore_ascii_case(b"<!doctype") {
            let end = self.doctype(src, lt);
            self.newlines(&src[lt..end]);
            return end;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            let end = find(b">", lt + 2);
            self.newlines(&src[lt..end]);
            return end;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_at = lt + 1 + usize::from(closing);
        if !b.get(name_at).is_some_and(|c| c.is_ascii_alphabetic()) {
            // A lone `<` (`x < 5`) is text.
            self.text("<", false);
            return lt + 1;
        }
        let tag = parse_tag(src, name_at);
        self.newlines(&src[lt..tag.end]);
        if closing {
            self.end_tag(&tag.name);
            return tag.end;
        }
        let end = self.start_tag(&tag);
        if matches!(tag.name.as_str(), "script" | "style") && !tag.self_closing {
            // Raw text up to the end tag, dropped.
            let close = format!("</{}", tag.name);
            let stop = find_ci(b, close.as_bytes(), end).unwrap_or(b.len());
            self.newlines(&src[end..stop]);
            return stop;
        }
        end
    }

    /// Skip a DOCTYPE, reading the entities its internal subset declares.
    fn doctype(&mut self, src: &str, lt: usize) -> usize {
        let b = src.as_bytes();
        let gt = memchr::memchr(b'>', &b[lt..]).map_or(b.len(), |k| lt + k);
        let Some(open) = memchr::memchr(b'[', &b[lt..gt]).map(|k| lt + k) else {
            return (gt + 1).min(b.len());
        };
        // The subset ends at a `]` that only white space separates from `>`.
        let close = memchr::memchr_iter(b']', &b[open..]).find_map(|k| {
            let at = open + k;
            let t = b[at + 1..].iter().position(|c| !c.is_ascii_whitespace())?;
            (b[at + 1 + t] == b'>').then_some((at, at + 1 + t + 1))
        });
        let (subset_end, end) = close.unwrap_or((b.len(), b.len()));
        self.read_entities(&src[open + 1..subset_end]);
        end
    }

    fn read_entities(&mut self, subset: &str) {
        let mut rest = subset;
        while let Some(k) = rest.find("<!ENTITY") {
            rest = rest[k + 8..].trim_start();
            if rest.starts_with('%') {
                continue;
            }
            let name_len = rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
            let name = &rest[..name_len];
            rest = rest[name_len..].trim_start();
            let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
                continue;
            };
            let Some(e) = rest[1..].find(q) else { break };
            let value = htmlize::unescape(&rest[1..1 + e]).into_owned();
            self.dtd.insert(name.to_string(), value);
            rest = &rest[1 + e + 1..];
        }
    }

    fn start_tag(&mut self, tag: &Tag) -> usize {
        let name = tag.name.as_str();
        if VOID.contains(&name) || tag.self_closing {
            if !INLINE.contains(&name) {
                self.separator();
            }
            return tag.end;
        }
        if name == "p" && self.counts.get("p").copied().unwrap_or(0) > 0 {
            // A paragraph closes the open one (HTML).
            if self.open.last().is_some_and(|o| o.name == "p") {
                self.end_tag("p");
            }
        }
        let inline = INLINE.contains(&name);
        let block = if inline {
            None
        } else {
            self.separator();
            self.blocks.push(Block {
                all_bold: true,
                all_italic: true,
                ..Block::default()
            });
            Some(self.blocks.len() - 1)
        };
        let chars_before = {
            let b = self.current_block_index().unwrap_or(0);
            self.blocks[b].chars
        };
        let o = Open {
            chars_before,
            name: tag.name.clone(),
            block,
            bold: matches!(name, "b" | "strong"),
            italic: matches!(name, "i" | "em"),
            aside: is_heading(name) || tag.nospeaker,
            pre: matches!(name, "pre" | "listing" | "xmp" | "plaintext"),
            first_seg: self.segs.len(),
        };
        self.bold += usize::from(o.bold);
        self.italic += usize::from(o.italic);
        self.aside += usize::from(o.aside);
        self.pre += usize::from(o.pre);
        *self.counts.entry(o.name.clone()).or_default() += 1;
        if let Some(b) = o.block {
            self.block_stack.push(b);
        }
        self.open.push(o);
        if let Some(speaker) = tag.speaker.as_deref().filter(|_| !tag.nospeaker) {
            let name = speaker.trim();
            if !name.is_empty() {
                self.push_seg(format!("{name}:"), true);
            }
        }
        tag.end
    }

    fn end_tag(&mut self, name: &str) {
        if self.counts.get(name).copied().unwrap_or(0) == 0 {
            if !INLINE.contains(&name) {
                self.separator();
            }
            return;
        }
        while let Some(o) = self.open.pop() {
            let done = o.name == name;
            self.closed(o);
            if done {
                break;
            }
        }
    }

    fn closed(&mut self, o: Open) {
        self.bold -= usize::from(o.bold);
        self.italic -= usize::from(o.italic);
        self.aside -= usize::from(o.aside);
        self.pre -= usize::from(o.pre);
        if let Some(n) = self.counts.get_mut(&o.name) {
            *n -= 1;
        }
        if o.bold {
            self.bold_closed(o.first_seg, o.chars_before);
        }
        if let Some(b) = o.block {
            self.block_stack.pop();
            self.close_block(b);
            self.separator();
        }
    }

    /// A bold run that ends in a colon is a label: a question number before
    /// it in its paragraph (`1.`, `T2.`) is not speech.
    fn bold_closed(&mut self, first: usize, chars_before: usize) {
        // O(1): the last text seen is inside this bold run and ends in `:`;
        // the paragraph had a few characters before it (a number).
        if self
            .last_text
            .is_none_or(|(seg, c)| seg < first || c != ':')
        {
            return;
        }
        if chars_before == 0 || chars_before > 16 {
            return;
        }
        let Some(block) = self.current_block_index() else {
            return;
        };
        let before: Vec<u32> = self.blocks[block]
            .segs
            .iter()
            .copied()
            .filter(|&s| (s as usize) < first)
            .collect();
        let lead: String = before
            .iter()
            .map(|&s| self.segs[s as usize].text.as_str())
            .collect();
        let lead = lead.trim();
        if !is_question_number(lead) {
            return;
        }
        // The number moves onto the label's line as a leading note
        // (`[1.] Mr David Hanson (Delyn) (Lab):`): its own line is left
        // blank, so the label starts a paragraph.
        let mut note = String::new();
        bracket(lead, &mut note);
        note.push(' ');
        for s in before {
            let seg = &mut self.segs[s as usize];
            seg.text.clear();
            seg.starts = false;
        }
        if let Some(label) = self.segs[first..]
            .iter_mut()
            .find(|s| !s.text.trim().is_empty())
        {
            let text = label.text.trim_start();
            label.text = format!("{note}{text}");
            label.starts = true;
        }
    }

    fn current_block_index(&self) -> Option<usize> {
        Some(self.block_stack.last().copied().unwrap_or(0))
    }

    fn close_block(&mut self, b: usize) {
        let block = std::mem::take(&mut self.blocks[b]);
        if block.has_text && ((block.all_bold && block.last != ':') || block.all_italic) && b != 0 {
            for s in &block.segs {
                let seg = &mut self.segs[*s as usize];
                // Text in `<pre>` is the record as typeset: never a note.
                seg.aside = !seg.label && !seg.pre;
            }
        }
    }

    /// A space between blocks that share a line.
    fn separator(&mut self) {
        if let Some(last) = self.segs.last()
            && last.line == self.line
            && !last.text.ends_with(' ')
        {
            self.push_raw(" ".to_string(), false);
        }
    }

    fn push_raw(&mut self, text: String, label: bool) {
        let b = self.current_block_index().unwrap_or(0);
        let idx = self.segs.len() as u32;
        self.segs.push(Seg {
            line: self.line,
            text,
            aside: self.aside > 0 && !label && self.pre == 0,
            pre: self.pre > 0,
            label,
            starts: false,
        });
        self.blocks[b].segs.push(idx);
    }

    fn push_seg(&mut self, text: String, label: bool) {
        if let Some(last) = text.trim_end().chars().last() {
            let bold = self.bold > 0 || label;
            let italic = self.italic > 0;
            let b = self.current_block_index().unwrap_or(0);
            let block = &mut self.blocks[b];
            let starts = !block.has_text;
            block.has_text = true;
            block.all_bold &= bold;
            block.all_italic &= italic;
            block.last = last;
            block.chars += text.trim().chars().count();
            self.last_text = Some((self.segs.len(), last));
            self.push_raw(text, label);
            if let Some(seg) = self.segs.last_mut() {
                seg.starts = starts;
            }
            return;
        }
        self.push_raw(text, label);
    }

    /// Text between tags: decoded, one segment per line.
    fn text(&mut self, s: &str, cdata: bool) {
        let mut first = true;
        for piece in s.split('\n') {
            if !first {
                self.line += 1;
            }
            first = false;
            let piece = piece.strip_suffix('\r').unwrap_or(piece);
            if piece.is_empty() {
                continue;
            }
            let text = if cdata {
                piece.to_string()
            } else {
                decode_entities(piece, &self.dtd).into_owned()
            };
            self.push_seg(text, false);
        }
    }

    /// The output: each input line's segments, joined.
    fn render(&self, src: &str) -> (String, MarkupLines) {
        let n_lines = memchr::memchr_iter(b'\n', src.as_bytes()).count() + 1;
        let mut out = String::with_capacity(src.len() / 2);
        let mut info = MarkupLines::default();
        let mut segs = self.segs.iter().peekable();
        for line in 0..n_lines {
            if line > 0 {
                out.push('\n');
            }
            let mut on_line: Vec<&Seg> = Vec::new();
            while let Some(s) = segs.next_if(|s| s.line as usize == line) {
                on_line.push(s);
            }
            let spoken: Vec<&Seg> = on_line
                .iter()
                .copied()
                .filter(|s| !s.text.trim().is_empty())
                .collect();
            if spoken.is_empty() {
                continue;
            }
            let note = spoken.iter().all(|s| s.aside);
            if note {
                info.notes.push(line + 1);
            }
            if spoken.iter().any(|s| s.label) {
                info.labels.push(line + 1);
            }
            if spoken.iter().any(|s| s.starts) {
                info.para_starts.push(line + 1);
            }
            render_line(&on_line, note, &mut out);
        }
        (out, info)
    }
}

/// One line's segments (some with text), `note`: all of them asides.
fn render_line(segs: &[&Seg], note: bool, out: &mut String) {
    let spoken = |s: &&&Seg| !s.text.trim().is_empty();
    let pre = segs.iter().any(|s| s.pre);
    let mut line = String::new();
    if note {
        let text: String = segs.iter().map(|s| s.text.as_str()).collect();
        bracket(text.trim(), &mut line);
    } else {
        for s in segs {
            if s.aside && spoken(&s) {
                bracket(s.text.trim(), &mut line);
            } else {
                line.push_str(&s.text);
            }
        }
    }
    if pre {
        out.push_str(line.trim_end_matches('\r'));
    } else {
        out.push_str(line.trim());
    }
}

/// `[text]`, with brackets inside made round (one bracketed group).
fn bracket(text: &str, out: &mut String) {
    let inner = text.strip_prefix('[').and_then(|t| t.strip_suffix(']'));
    if let Some(inner) = inner
        && !inner.contains(['[', ']'])
    {
        out.push_str(text);
        return;
    }
    out.push('[');
    for c in text.chars() {
        out.push(match c {
            '[' => '(',
            ']' => ')',
            c => c,
        });
    }
    out.push(']');
}

/// A Hansard question number: `1.`, `T1.`, optionally with the question's
/// id (`T1. [66880]`).
fn is_question_number(s: &str) -> bool {
    let digits = |n: &str, most: usize| {
        !n.is_empty() && n.len() <= most && n.bytes().all(|c| c.is_ascii_digit())
    };
    let s = s.strip_prefix(['T', 'Q']).unwrap_or(s);
    let Some((n, rest)) = s.split_once('.') else {
        return false;
    };
    let rest = rest.trim();
    digits(n, 4)
        && (rest.is_empty()
            || rest
                .strip_prefix('[')
                .and_then(|r| r.strip_suffix(']'))
                .is_some_and(|id| digits(id, 8)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(src: &str) -> Vec<String> {
        to_text(src).split('\n').map(str::to_string).collect()
    }

    #[test]
    fn line_numbers_are_kept_and_tags_removed_in_place() {
        let src = "<html>\n<body>\n<p>\n  <b>Mr Hanson:</b>\nI thank the Foreign Secretary &amp; him.</p>\n<!-- a\ncomment -->\n<script>x\n</script><p>Done &mdash; &#8220;yes&#x201D;</p>\n</body></html>\n";
        let got = lines(src);
        assert_eq!(
            got,
            [
                "",
                "",
                "",
                "Mr Hanson:",
                "I thank the Foreign Secretary & him.",
                "",
                "",
                "",
                "Done \u{2014} \u{201C}yes\u{201D}",
                "",
                ""
            ]
        );
        assert_eq!(src.lines().count() + 1, got.len());
    }

    #[test]
    fn pre_keeps_its_white_space_and_stray_angle_text_goes() {
        let src = "<html>\n<title> - HEARING</title>\n<body><pre>\n    Chairman Dodd. Thank you.\n<GRAPHIC(S) NOT AVAILABLE IN TIFF FORMAT>\n    x < 5 and ``quotes''\n</pre></body></html>\n";
        assert_eq!(
            lines(src),
            [
                "",
                "[- HEARING]",
                "",
                "    Chairman Dodd. Thank you.",
                "",
                "    x < 5 and ``quotes''",
                "",
                ""
            ]
        );
    }

    #[test]
    fn twfy_speeches_become_labels_and_the_rest_notes() {
        let src = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<!DOCTYPE publicwhip\n[\n<!ENTITY mdash  \"&#8212;\" >\n<!ENTITY custom \"Ok\" >\n]>\n<publicwhip>\n<major-heading id=\"h\" nospeaker=\"true\">\n\tCABINET OFFICE\n</major-heading>\n<speech id=\"s1\" nospeaker=\"true\">\n\t<p pid=\"1\">The Minister was asked&mdash;</p>\n</speech>\n<speech id=\"s2\" speakername=\"Andrew Turner\" oral-qnum=\"1\">\n\t<p pid=\"2\">What steps &custom;?</p>\n\t<p pid=\"3\">And <i> [</i><i> Interruption.</i><i> ]</i> more.</p>\n</speech>\n</publicwhip>\n";
        let got = lines(src);
        assert_eq!(
            got,
            [
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "[CABINET OFFICE]",
                "",
                "",
                "[The Minister was asked\u{2014}]",
                "",
                "Andrew Turner:",
                "What steps Ok?",
                "And  [ Interruption. ] more.",
                "",
                "",
                ""
            ]
        );
    }

    #[test]
    fn hansard_question_numbers_and_column_heads_are_notes() {
        let src = "<p>\n   <a class=\"anchor\" name=\"x\"> </a>1. <a name=\"y\"> </a>\n   <b>Mr David Hanson (Delyn) (Lab):</b>\nWhen he next expects to discuss Syria. [66855]</p>\n<p>\n   <b>19 July 2011 : Column 772</b>\n</p>\n<p><i>Second Reading</i></p>\n<p>T1. [66880] <a></a>\n<b>Harriett Baldwin (West Worcestershire) (Con):</b>\nIf he will.</p>\n";
        assert_eq!(
            lines(src),
            [
                "",
                "",
                "[1.] Mr David Hanson (Delyn) (Lab):",
                "When he next expects to discuss Syria. [66855]",
                "",
                "[19 July 2011 : Column 772]",
                "",
                "[Second Reading]",
                "",
                "[T1. (66880)] Harriett Baldwin (West Worcestershire) (Con):",
                "If he will.",
                ""
            ]
        );
    }

    /// What the markup said about the lines: notes, paragraph starts
    /// (blank line before or not), labels made from tags.
    #[test]
    fn markup_lines_are_reported() {
        let src = "<h3>Syria</h3>\n<p>First.</p>\n<p>\n<b>Mr Hague:</b>\nAn answer</p>\n<p>Next.</p>\n<speech speakername=\"A B\">\n<p>x</p></speech>\n<p>1.\n<b>C:</b> y</p>\n";
        let (text, info) = convert(src);
        assert_eq!(
            text,
            "[Syria]\nFirst.\n\nMr Hague:\nAn answer\nNext.\nA B:\nx\n\n[1.] C: y\n"
        );
        assert_eq!(info.notes, [1]);
        assert_eq!(info.para_starts, [1, 2, 4, 6, 7, 8, 10]);
        assert_eq!(info.labels, [7]);
    }

    #[test]
    fn sniffing_and_hostile_input() {
        assert!(is_markup(Path::new("a.HTM"), b""));
        assert!(is_markup(Path::new("a.txt"), b"\n<html>\n<title>"));
        assert!(is_markup(Path::new("a.txt"), b"\xEF\xBB\xBF<?xml version"));
        assert!(!is_markup(Path::new("a.txt"), b"SPEAKER: <b>hi</b>"));
        // Unclosed constructs end at the input's end, without a panic.
        for src in [
            "<p a=\"x",
            "<!--",
            "<![CDATA[x",
            "<!DOCTYPE x [ <!ENTITY",
            "<b",
            "&",
            "<",
            "</",
        ] {
            let _ = to_text(src);
        }
        // Deep nesting and many unmatched end tags stay linear.
        let deep = "<div>".repeat(50_000) + "x" + &"</span>".repeat(50_000);
        assert_eq!(to_text(&deep), "x");
        // Many bold labels in one paragraph, nested bold runs.
        let labels = "<p>1.".to_string() + &"<b>A:</b> x ".repeat(50_000) + "</p>";
        assert!(to_text(&labels).starts_with("[1.] A: x A: x"));
        let nested = "<b>x:".repeat(50_000) + &"</b>".repeat(50_000);
        assert_eq!(to_text(&nested).len(), 100_000);
    }
}
