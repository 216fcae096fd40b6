"""nn_from_scratch: a neural network built from scratch with numpy, one idea per module.

Read the modules in the tutorial's order: `activation` (the sigmoid), `neuron`,
`network` (three neurons feeding forward), `loss` (mean squared error),
`training` (the derivatives and SGD), and `data` (the four people); then
`matrix` (layers as matrices), `gradient_check`, `datasets` (two moons),
`saving` (networks to and from files), `autodiff` (`Value`: gradients found
automatically), `digits` (handwritten digits, ten classes), `regularization`
(weight decay and dropout), `optimizers` (momentum and Adam), `deeper`
(per-layer statistics of a deep stack) and `convolution` (a convolutional
network: im2col, max pooling, `ConvNet`).
"""

from .activation import ACTIVATIONS, Activation, deriv_sigmoid, sigmoid
from .autodiff import Value
from .checks import InputScaleWarning
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
from .datasets import make_moons
from .digits import accuracy, confusion_matrix, load_digits, one_hot, predict, train_test_split
from .gradient_check import check_gradients, relative_error
from .loss import LOSSES, Loss, binary_cross_entropy, mse_loss
from .matrix import INITS, MatrixNetwork, train_batches
from .network import PARAMETER_NAMES, NeuralNetwork
from .neuron import Neuron
from .optimizers import SGD, Adam, Momentum
from .saving import load, save
from .training import TrainingDivergedError, gradients, sgd_step, train

__all__ = [
    "ACTIVATIONS",
    "GENDER_CODES",
    "HEIGHT_SHIFT",
    "INITS",
    "LOSSES",
    "NEWCOMERS",
    "PARAMETER_NAMES",
    "PEOPLE",
    "SGD",
    "WEIGHT_SHIFT",
    "Activation",
    "Adam",
    "InputScaleWarning",
    "Loss",
    "MatrixNetwork",
    "Momentum",
    "NeuralNetwork",
    "Neuron",
    "Person",
    "TrainingDivergedError",
    "Value",
    "accuracy",
    "binary_cross_entropy",
    "check_gradients",
    "confusion_matrix",
    "decode_gender",
    "deriv_sigmoid",
    "encode_gender",
    "gradients",
    "load",
    "load_digits",
    "make_moons",
    "mse_loss",
    "one_hot",
    "predict",
    "relative_error",
    "save",
    "sgd_step",
    "shift",
    "sigmoid",
    "train",
    "train_batches",
    "train_test_split",
    "training_data",
]

__version__ = "0.1.0"
