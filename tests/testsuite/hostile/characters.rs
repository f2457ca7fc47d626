//! Control characters made by escapes, refused in every text and name at the escape; characters
//! that cannot be seen or that turn text around, refused in names and ids.

use super::example;
use crate::Test;

/// Checks `file` holding `text`, which must be refused at `line:column` with `message`.
fn refused(name: &str, file: &str, text: &str, at: &str, message: &str) {
    let run = Test::in_scratch(name)
        .file(file, text)
        .args(["check", file])
        .status(1)
        .run();
    assert!(run.stdout.contains(message), "{run}");
    assert!(run.stdout.contains(&format!("--> {file}:{at}\n")), "{run}");
    assert!(
        !run.stdout.chars().any(|c| c.is_control() && c != '\n'),
        "a control character reaches the output:\n{run:?}"
    );
}

const CONTROL: &str = "holds a control character, which ties does not accept";

#[test]
fn escapes_in_an_assessment_are_refused_where_they_are_written() {
    let example = example();
    for (i, escape) in [
        r"\e]0;owned\a",
        r"\x1b[2J",
        r"\u001b[31m",
        r"\a",
        r"\x9b2J",
        r"\0",
    ]
    .iter()
    .enumerate()
    {
        // In the establishment's name, in a narrative and in an action.
        let name = example.replace(
            "  name: HMP Harrowfield",
            &format!("  name: \"HMP Harrowfield{escape}\""),
        );
        refused(
            &format!("escape-name-{i}"),
            "2025.yaml",
            &name,
            "6:25",
            CONTROL,
        );
        let what = example.replacen("    what: ", &format!("    what: \"Start {escape}\" # "), 1);
        let run = Test::in_scratch(&format!("escape-action-{i}"))
            .file("2025.yaml", &what)
            .args(["check", "2025.yaml"])
            .status(1)
            .run();
        assert!(run.stdout.contains(CONTROL), "{run}");
    }
}

#[test]
fn escapes_in_frameworks_and_registers_are_refused() {
    let framework =
        std::fs::read_to_string(crate::root().join(crate::MINI_FRAMEWORKS).join("mini.yaml"))
            .unwrap()
            .replacen("title: ", "title: \"A \\e]2;title\\a \" # ", 1);
    refused("escape-framework", "mini.yaml", &framework, "3:11", CONTROL);
    let toml = "id = \"x\"\ntitle = \"Visits \\u001b[2J\"\n";
    refused("escape-toml", "x.toml", toml, "2:17", CONTROL);
    let toml_name = "id = \"x\"\n[source]\n\"pub\\u0007lisher\" = \"x\"\n";
    refused(
        "escape-toml-name",
        "x.toml",
        toml_name,
        "3:5",
        "this field name holds a control character",
    );
    let register =
        "establishments:\n  - id: hmp-x\n    name: \"HMP X\\u009b2J\"\n    nation: scotland\n";
    refused(
        "escape-register",
        "register.yaml",
        register,
        "3:17",
        CONTROL,
    );
    // A tab and a line break are text, and a Windows line ending too.
    let fine = example().replace(
        "  name: HMP Harrowfield",
        "  name: \"HMP Harrowfield\"\n  type: \"Category B\\tlocal\\r\\n\"",
    );
    let fine = fine.replacen(
        "  type: Category B local (reception) prison for adult men\n",
        "",
        1,
    );
    Test::in_scratch("escape-fine")
        .file("2025.yaml", &fine)
        .args(["check", "2025.yaml"])
        .status(0)
        .run();
}

#[test]
fn hidden_characters_are_refused_in_names_only() {
    let example = example();
    for (i, (c, what)) in [
        ('\u{202e}', "a text-direction mark (U+202E)"),
        ('\u{2067}', "a text-direction mark (U+2067)"),
        ('\u{200b}', "a zero-width space (U+200B)"),
        ('\u{2060}', "a word joiner (U+2060)"),
    ]
    .into_iter()
    .enumerate()
    {
        let named = example.replace(
            "  name: HMP Harrowfield",
            &format!("  name: HMP {c}dleifworraH"),
        );
        let run = Test::in_scratch(&format!("hidden-name-{i}"))
            .file("2025.yaml", &named)
            .args(["check", "2025.yaml"])
            .status(1)
            .run();
        assert!(
            run.stdout
                .contains("this name holds a character that cannot be seen"),
            "{run}"
        );
        assert!(run.stdout.contains(what), "{run}");
        assert!(run.stdout.contains("--> 2025.yaml:6:9"), "{run}");
        let region = example.replace("  region: North West", &format!("  region: North{c} West"));
        let run = Test::in_scratch(&format!("hidden-region-{i}"))
            .file("2025.yaml", &region)
            .args(["check", "2025.yaml"])
            .status(1)
            .run();
        assert!(run.stdout.contains("this region holds"), "{run}");
        // In narrative it is text: a right-to-left quotation needs it.
        let narrative = example.replacen(
            "    narrative: |\n",
            &format!("    narrative: |\n      A quotation {c}in another script.\n"),
            1,
        );
        Test::in_scratch(&format!("hidden-narrative-{i}"))
            .file("2025.yaml", &narrative)
            .args(["check", "2025.yaml"])
            .status(0)
            .run();
    }
    // A section's title and a level's label in a framework.
    let mini =
        std::fs::read_to_string(crate::root().join(crate::MINI_FRAMEWORKS).join("mini.yaml"))
            .unwrap();
    let title = mini.replacen("    title: ", "    title: \u{202e}", 1);
    let run = Test::in_scratch("hidden-title")
        .file("mini.yaml", &title)
        .args(["check", "mini.yaml"])
        .status(1)
        .run();
    assert!(
        run.stdout
            .contains("this title holds a character that cannot be seen"),
        "{run}"
    );
    let label = mini.replacen("label: ", "label: \u{200d}", 2);
    let run = Test::in_scratch("hidden-label")
        .file("mini.yaml", &label)
        .args(["check", "mini.yaml"])
        .status(1)
        .run();
    assert!(
        run.stdout.contains("holds a character that cannot be seen"),
        "{run}"
    );
}
