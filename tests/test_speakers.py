from kg.extract.speakers import describe_role, extract_speakers
from kg.model import Document


def speakers_of(text: str):
    return extract_speakers(Document(text, "x.md"))


def test_signature_block_gives_name_role_and_office():
    text = (
        "Statement on the anniversary\n\nWe call on everyone to remember the victims.\n\n"
        "Maria Stone\nThe Commissioner for Human Rights\nof the Republic of Examplia\n(Ombudsman)\n\n1 May 2020"
    )
    (speaker,) = speakers_of(text).speakers
    assert speaker.name == "Maria Stone"
    assert speaker.role == "Commissioner for Human Rights (Ombudsman)"
    assert speaker.organization == "Office of the Commissioner for Human Rights of the Republic of Examplia"
    assert speaker.anchor is not None and text[speaker.anchor.start : speaker.anchor.end] == "Maria Stone"


def test_byline_journalist_is_not_the_speaker_and_outlet_is_publisher():
    text = (
        "Bridge reopened\n\n3 March 2021\nBy Paul Grey, Reuters\n\n"
        "The bridge reopened, Transport Minister Lena Park told reporters. "
        '"It is safe," Park said.'
    )
    result = speakers_of(text)
    assert [s.name for s in result.speakers] == ["Lena Park"]
    assert result.speakers[0].role == "Transport Minister"
    assert result.journalist is not None and result.journalist.quote == "Paul Grey"
    assert result.publisher is not None and result.publisher.key == "actor/reuters"


def test_quote_then_said_name_with_appositive_role():
    text = '"Families deserve answers," said Anna Berg, head of the Red Cross Delegation in Examplia.'
    (speaker,) = speakers_of(text).speakers
    assert (speaker.name, speaker.role) == ("Anna Berg", "head of the Red Cross Delegation in Examplia")
    assert speaker.organization == "Red Cross Delegation in Examplia"


def test_role_comma_name_comma_said():
    text = "The Special Rapporteur on Torture, Jon Hale, said today he was alarmed by the reports."
    (speaker,) = speakers_of(text).speakers
    assert (speaker.name, speaker.role) == ("Jon Hale", "Special Rapporteur on Torture")
    assert speaker.organization == "Office of the Special Rapporteur on Torture"


def test_most_quoted_speaker_comes_first_with_surnames_and_pronouns_resolved():
    text = (
        "According to Omar Said, a member of the Search Committee on Missing People, two sites were found. "
        'Engineer Lisa Hart wrote about it. "There are more," Said said. "We go on," he added. '
        "He said the work goes on."
    )
    speakers = speakers_of(text).speakers
    assert [s.name for s in speakers] == ["Omar Said", "Lisa Hart"]
    assert speakers[0].organization == "Search Committee on Missing People"


def test_name_of_organisation_before_told():
    text = '"We opened three graves," Captain Ali Karim of the provincial forensic team told a local paper.'
    (speaker,) = speakers_of(text).speakers
    assert (speaker.name, speaker.role, speaker.organization) == ("Ali Karim", "Captain", "provincial forensic team")


def test_institution_speaking_without_a_person():
    text = "LISBON, MAY 2, EXAMPLE NEWS. The Ministry of Justice of Examplia today released a statement."
    (speaker,) = speakers_of(text).speakers
    assert speaker.name is None
    assert speaker.organization == "Ministry of Justice of Examplia"


def test_outlet_only_told_is_not_the_publisher():
    text = '"Work resumes next week," Dr Nora Fields told AFP on Monday.'
    result = speakers_of(text)
    assert result.speakers[0].name == "Nora Fields"
    assert result.publisher is None


def test_dateline_outlet_is_the_publisher():
    text = "Title\n\nKYIV, MAY 2, UKRINFORM. The council said the school was hit."
    publisher = speakers_of(text).publisher
    assert publisher is not None and (publisher.name, publisher.quote if False else publisher.anchor.quote) == (
        "Ukrinform",
        "UKRINFORM",
    )


def test_an_outlets_correspondent_makes_it_the_publisher():
    for text, quote in [
        ("Title\n\nShelling hit the town overnight, Xinhua's correspondent in the region reported.", "Xinhua"),
        ("Title\n\nShelling hit the town overnight, Reuters\u2019 correspondent in the region reported.", "Reuters"),
        ("Title\n\nShelling hit the town overnight, a reporter for the Kyiv Independent said.", "Kyiv Independent"),
        ("Title\n\nShelling hit the town overnight, a correspondent of УКРИНФОРМ reported.", "УКРИНФОРМ"),
    ]:
        publisher = speakers_of(text).publisher
        assert publisher is not None and publisher.anchor is not None, text
        assert publisher.anchor.quote == quote


def test_a_correspondent_of_no_known_outlet_names_no_publisher():
    text = "Title\n\nShelling hit the town overnight, a correspondent of the Examplia Herald reported."
    assert speakers_of(text).publisher is None


def test_russian_inverted_reported_speech_and_short_organisation_name():
    text = (
        "Государственная служба по делам беженцев вместе с волонтёрами ведёт поиск. "
        "Об этом рассказал сотрудник службы Олег Петров. «Работа продолжится», – сказал Петров."
    )
    (speaker,) = speakers_of(text).speakers
    assert speaker.name == "Олег Петров"
    assert speaker.role == "сотрудник службы"
    assert speaker.organization == "Государственная служба по делам беженцев"


def test_describe_role_without_organisation_stays_without():
    assert describe_role("Engineer") == ("Engineer", None)
