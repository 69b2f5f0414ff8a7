//! Finds the Rust examples of a Markdown text and writes them as
//! functions for rustc to check. Shared by `build.rs` (which runs it on
//! README.md) and this crate's tests (which run it on exact inputs).

/// A fenced block whose info string is `rust`.
#[derive(Debug, PartialEq, Eq)]
pub struct Example {
    /// The line of its opening fence, from 1.
    pub line: usize,
    /// Its lines, each ending in `\n`.
    pub code: String,
}

/// Every ```` ```rust ```` block of `markdown`, in order, or what is wrong:
/// a Rust block whose info string says more than `rust` (`rust,ignore`,
/// `rust,no_run`: every example is compiled, so no such word is needed
/// or honoured), or a fence never closed. Other languages are skipped.
pub fn examples(markdown: &str) -> Result<Vec<Example>, String> {
    let mut found = Vec::new();
    let mut open: Option<(usize, &str, Option<String>)> = None;
    for (index, line) in markdown.lines().enumerate() {
        let number = index + 1;
        let trimmed = line.trim_start();
        match &mut open {
            None => {
                let Some(fence) = fence(trimmed) else {
                    continue;
                };
                let info = trimmed[fence.len()..].trim();
                let language = info.split([',', ' ', '\t']).next().unwrap_or("");
                let code = match language {
                    "rust" if info == "rust" => Some(String::new()),
                    "rust" => {
                        return Err(format!(
                            "README.md line {number}: a code block marked `{info}`: every Rust \
                             example is compiled, so its fence says `rust` and nothing more \
                             (`text` for what is not Rust)"
                        ));
                    }
                    _ => None,
                };
                open = Some((number, fence, code));
            }
            Some((start, fence_open, code)) => {
                let closes = fence(trimmed).is_some_and(|f| {
                    f.starts_with(&fence_open[..1])
                        && f.len() >= fence_open.len()
                        && trimmed[f.len()..].trim().is_empty()
                });
                if closes {
                    if let Some(code) = code.take() {
                        found.push(Example { line: *start, code });
                    }
                    open = None;
                } else if let Some(code) = code {
                    code.push_str(line);
                    code.push('\n');
                }
            }
        }
    }
    match open {
        Some((start, _, _)) => Err(format!(
            "README.md line {start}: this code block is never closed"
        )),
        None => Ok(found),
    }
}

/// The run of 3 or more backticks or tildes `line` starts with.
fn fence(line: &str) -> Option<&str> {
    let first = line.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let run = line.len() - line.trim_start_matches(first).len();
    (run >= 3).then(|| &line[..run])
}

/// The Rust source checking `markdown`'s examples: each the body of an
/// uncalled `async fn readme_line_<N>` returning `Result<(), Box<dyn
/// Error>>`, and `EXAMPLE_LINES`, the lines of the examples it holds; or
/// a `compile_error!` saying what is wrong with the text.
pub fn render(markdown: &str) -> String {
    let examples = match examples(markdown) {
        Ok(examples) => examples,
        Err(problem) => return format!("compile_error!({problem:?});\n"),
    };
    let mut out = String::from("// Written by build.rs from README.md. Do not edit.\n");
    let lines: Vec<String> = examples.iter().map(|e| e.line.to_string()).collect();
    out.push_str(&format!(
        "\n/// The README lines whose examples are below.\n#[allow(dead_code)]\npub const EXAMPLE_LINES: &[usize] = &[{}];\n",
        lines.join(", ")
    ));
    for example in &examples {
        out.push_str(&format!(
            "\n/// README.md line {line}.\n\
             #[allow(dead_code, unused_variables, unused_imports, unnameable_test_items)]\n\
             async fn readme_line_{line}() -> Result<(), Box<dyn std::error::Error>> {{\n\
             {code}\
             Ok(())\n\
             }}\n",
            line = example.line,
            code = example.code,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{Example, examples, render};

    #[test]
    fn rust_blocks_are_found_with_their_lines_and_others_skipped() {
        let text = "# Title\n\
                    ```sh\ncargo test\n```\n\
                    ```rust\nlet a = 1;\n\n  let b = a;\n```\n\
                    text\n\
                    ````rust\n```not a fence end\n````\n\
                    ~~~text\n```rust\n~~~\n\
                    ```toml\n[x]\n```\n";
        assert_eq!(
            examples(text),
            Ok(vec![
                Example {
                    line: 5,
                    code: "let a = 1;\n\n  let b = a;\n".into()
                },
                Example {
                    line: 11,
                    code: "```not a fence end\n".into()
                },
            ])
        );
    }

    #[test]
    fn words_after_rust_and_unclosed_fences_are_refused() {
        assert_eq!(
            examples("a\n```rust,ignore\nx\n```\n").unwrap_err(),
            "README.md line 2: a code block marked `rust,ignore`: every Rust example is \
             compiled, so its fence says `rust` and nothing more (`text` for what is not Rust)"
        );
        assert_eq!(
            examples("```rust no_run\nx\n```\n").unwrap_err(),
            "README.md line 1: a code block marked `rust no_run`: every Rust example is \
             compiled, so its fence says `rust` and nothing more (`text` for what is not Rust)"
        );
        assert_eq!(
            examples("text\n\n```rust\nlet a = 1;\n").unwrap_err(),
            "README.md line 3: this code block is never closed"
        );
        assert_eq!(
            examples("```text\n```rust\n").unwrap_err(),
            "README.md line 1: this code block is never closed"
        );
    }

    #[test]
    fn each_example_is_the_body_of_an_uncalled_function() {
        let rendered = render("```rust\nlet a = f()?;\n```\n\n```rust\nuse x::Y;\n```\n");
        assert_eq!(
            rendered,
            "// Written by build.rs from README.md. Do not edit.\n\
             \n\
             /// The README lines whose examples are below.\n\
             #[allow(dead_code)]\n\
             pub const EXAMPLE_LINES: &[usize] = &[1, 5];\n\
             \n\
             /// README.md line 1.\n\
             #[allow(dead_code, unused_variables, unused_imports, unnameable_test_items)]\n\
             async fn readme_line_1() -> Result<(), Box<dyn std::error::Error>> {\n\
             let a = f()?;\n\
             Ok(())\n\
             }\n\
             \n\
             /// README.md line 5.\n\
             #[allow(dead_code, unused_variables, unused_imports, unnameable_test_items)]\n\
             async fn readme_line_5() -> Result<(), Box<dyn std::error::Error>> {\n\
             use x::Y;\n\
             Ok(())\n\
             }\n"
        );
        assert_eq!(
            render("```rust,ignore\n```\n"),
            "compile_error!(\"README.md line 1: a code block marked `rust,ignore`: every Rust \
             example is compiled, so its fence says `rust` and nothing more (`text` for what is \
             not Rust)\");\n"
        );
    }
}
