"""Replay the tutorial's training run: ``python -m nn_from_scratch``.

Builds the network from seed 42, trains it on Alice, Bob, Charlie and Diana
for 1000 epochs with a learning rate of 0.1 (printing the loss every 10
epochs), then predicts Emily's and Frank's genders. The output is the same on
every run and every machine.
"""

from __future__ import annotations

from . import NEWCOMERS, NeuralNetwork, decode_gender, shift, train, training_data

SEED = 42


def main() -> None:
    """Train the seeded network and print its loss and its two predictions."""
    data, all_y_trues = training_data()
    network = NeuralNetwork.random(SEED)
    train(network, data, all_y_trues, verbose=True)
    for person in NEWCOMERS:
        score = network.feed_forward(shift(person.weight, person.height))
        print(f"{person.name}: {score:.3f} - {decode_gender(score)}")


if __name__ == "__main__":
    main()
