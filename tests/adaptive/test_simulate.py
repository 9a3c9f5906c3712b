import io
import json

import numpy as np

from adaptive import bank as banks
from adaptive import simulate
from adaptive.cat import CatConfig, CatEngine


def test_a_generated_bank_has_the_requested_shape():
    bank = banks.synthetic_bank(320, n_competences=16, items_per_tube=5, seed=2)
    assert len(bank) == 320 and len(bank.competence_labels) == 16
    assert 0.3 <= bank.discrimination.min() and bank.discrimination.max() <= 2.5
    assert -4 <= bank.difficulty.min() and bank.difficulty.max() <= 4
    for tube in range(len(bank.tube_labels)):  # a tube lies inside one competence
        assert len(set(bank.competence[bank.tube == tube].tolist())) == 1


def test_a_bank_survives_a_trip_through_csv():
    bank = banks.synthetic_bank(50, n_competences=4, items_per_tube=3, seed=3, inaccessible_share=0.5)
    stream = io.StringIO()
    banks.write_csv(bank, stream)
    stream.seek(0)
    again = banks.read_csv(stream)
    assert np.array_equal(again.discrimination, bank.discrimination)
    assert np.array_equal(again.difficulty, bank.difficulty)
    assert np.array_equal(again.accessible, bank.accessible)
    assert again.competence_labels == bank.competence_labels and again.tube_labels == bank.tube_labels
    assert list(again.ids) == list(bank.ids)


def test_a_minimal_csv_needs_only_the_parameters_and_the_competence():
    stream = io.StringIO("discrimination,difficulty,competence\n1.2,0.5,1.1\n0.8,-1,1.2\n")
    bank = banks.read_csv(stream)
    assert len(bank) == 2 and not bank.has_tubes and bank.accessible.all()


def test_a_textbook_simulation_on_a_small_bank_is_accurate_and_reports_everything():
    bank = banks.synthetic_bank(300, n_competences=4, seed=4)
    abilities = np.random.default_rng(5).normal(size=150)
    outcome = simulate.simulate(bank, abilities, "textbook", seed=1, length=20)
    assert outcome.rmse < 0.4 and abs(outcome.bias) < 0.1
    assert outcome.exposure_max == 1.0  # without control, everyone gets the same first item
    assert 0 < outcome.overlap < 1 and 0 < outcome.never_used_share < 1
    assert outcome.step_mean_us > 0 and outcome.step_p99_us >= outcome.step_mean_us * 0.5
    assert set(outcome.rmse_by_band) == {"[-inf, -2)", "[-2, -1)", "[-1, 0)", "[0, 1)", "[1, 2)", "[2, inf)"}


def test_kept_exposure_counts_close_the_items_at_the_cap():
    bank = banks.synthetic_bank(300, n_competences=4, seed=4)
    engine = CatEngine.from_bank(bank, CatConfig(length=12, competence_spacing=1, exposure_parameters=np.ones(300)))
    abilities = np.random.default_rng(6).normal(size=1000)
    counted = simulate.run_tests(engine, abilities, seed=1, counted=True)
    free = simulate.run_tests(engine, abilities, seed=1, counted=False)
    assert exposure_max(free) > 0.6
    assert exposure_max(counted) <= 0.25 + simulate.COUNTS_REFRESH / 1000  # one reading's lag at most


def exposure_max(run):
    return simulate.exposure.exposure_rates(run.tests, 300).max()


def test_the_command_line_prints_a_report_per_seed_and_their_mean(capsys, tmp_path):
    bank_file = tmp_path / "bank.csv"
    simulate.main(["--items", "200", "--competences", "4", "--examinees", "40", "--length", "10",
                   "--setting", "reference", "--seeds", "1", "2", "--write-bank", str(bank_file)])
    printed = capsys.readouterr().out
    assert printed.count("RMSE by ability band") == 2 and "mean over 2 seeds" in printed
    assert len(banks.read_csv(bank_file)) == 200


def test_the_command_line_reads_a_bank_and_abilities_and_prints_json(capsys, tmp_path):
    bank_file, abilities_file = tmp_path / "bank.csv", tmp_path / "abilities.csv"
    banks.write_csv(banks.synthetic_bank(120, n_competences=4, seed=1), bank_file)
    abilities_file.write_text("ability\n-1.0\n0.0\n1.5\n")
    simulate.main(["--bank", str(bank_file), "--abilities", str(abilities_file), "--length", "8",
                   "--setting", "textbook", "--json"])
    outcome = json.loads(capsys.readouterr().out)
    assert outcome["examinees"] == 3 and outcome["items"] == 120 and outcome["length"] == 8
