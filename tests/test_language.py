import pytest

from kg.extract.language import detect_language


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The ministry said that the remains were handed over to the families.", "en"),
        ("Министерство сообщило, что останки были переданы семьям погибших.", "ru"),
        ("Міністерство повідомило, що останки були передані родинам загиблих.", "uk"),
        ("Nazirlik bildirib ki, qalıqlar ailələrə təhvil verilib və dəfn ediləcək.", "az"),
        ("Նախարարությունը հայտնել է, որ աճյունները հանձնվել են ընտանիքներին։", "hy"),
        ("وقالت الوزارة إن الرفات سلمت إلى العائلات", "ar"),
        ("Le ministère a indiqué que les restes ont été remis aux familles des victimes.", "fr"),
        ("Das Ministerium teilte mit, dass die Überreste den Familien übergeben wurden.", "de"),
        ("El ministerio dijo que los restos fueron entregados a las familias de las víctimas.", "es"),
    ],
)
def test_language_of_short_statements(text, code):
    assert detect_language(text) == code


def test_english_text_with_azerbaijani_names_stays_english():
    text = "The commission said that Elnur Məmmədov was among the people who were found in the village."
    assert detect_language(text) == "en"


def test_text_without_letters_is_undetermined():
    assert detect_language("12.05.2021 — 14:00") == "und"


def test_a_tie_between_scripts_goes_to_the_one_seen_first() -> None:
    assert detect_language("abc где") == "en"
    assert detect_language("где abc") in ("ru", "uk")
