"""nn_from_scratch: a neural network built from scratch with numpy, one idea per module.

Read the modules in the tutorial's order: `activation` (the sigmoid), `neuron`,
`network` (three neurons feeding forward), `loss` (mean squared error),
`training` (the derivatives and SGD), and `data` (the four people).
"""

from .activation import deriv_sigmoid, sigmoid
from .data import (
    GENDER_CODES,
    HEIGHT_SHIFT,
    NEWCOMERS,
    PEOPLE,
    WEIGHT_SHIFT,
    Person,
    decode_gender,
    encode_gender,
    shift,
    training_data,
)
from .loss import mse_loss
from .network import PARAMETER_NAMES, NeuralNetwork
from .neuron import Neuron
from .training import gradients, sgd_step, train

__all__ = [
    "GENDER_CODES",
    "HEIGHT_SHIFT",
    "NEWCOMERS",
    "PARAMETER_NAMES",
    "PEOPLE",
    "WEIGHT_SHIFT",
    "NeuralNetwork",
    "Neuron",
    "Person",
    "decode_gender",
    "deriv_sigmoid",
    "encode_gender",
    "gradients",
    "mse_loss",
    "sgd_step",
    "shift",
    "sigmoid",
    "train",
    "training_data",
]

__version__ = "0.1.0"
